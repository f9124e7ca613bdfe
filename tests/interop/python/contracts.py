"""Message classes for the interop tests, built at test time and never committed.

ketcds.v1 classes come from protos/ compiled by a protoc of the same release as the
installed protobuf runtime (generated code from another release may refuse to load).
google.rpc and grpc.health.v1 are not part of this repository's contract: their message
shapes are declared here from the published field numbers, so the client's idea of them
is independent of whatever the server compiled.
"""

import importlib
import os
import re
import shutil
import subprocess
import sys
import types

from google.protobuf import any_pb2
from google.protobuf import descriptor_pb2
from google.protobuf import descriptor_pool
from google.protobuf import message_factory
from google.protobuf import __version__ as protobuf_version

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PROTO_ROOT = os.path.join(REPO_ROOT, "protos")
KETCDS_PROTOS = ["service", "patient", "result", "errors", "route", "ruleset"]


def _protoc_release(protoc):
    out = subprocess.run([protoc, "--version"], check=True, capture_output=True, text=True).stdout
    match = re.search(r"(\d+)\.(\d+)", out)
    if not match:
        raise RuntimeError(f"cannot read the version of {protoc}: {out!r}")
    return int(match.group(1)), int(match.group(2))


def _check_protoc_matches_runtime(protoc):
    # protoc 3.X.Y pairs with the python runtime 4.X.Y (3.X.Y before 3.20); later protoc
    # releases are numbered X.Y and pair with runtime 4.X.Y, 5.X.Y or 6.X.Y.
    runtime = tuple(int(p) for p in protobuf_version.split(".")[:2])
    major, minor = _protoc_release(protoc)
    protoc_minor = minor if major == 3 else major
    if protoc_minor != runtime[1]:
        raise RuntimeError(
            f"{protoc} is release {major}.{minor} but the python protobuf runtime is {protobuf_version}; "
            "install the matching protoc (Debian: apt-get install protobuf-compiler) or set PROTOC")


def _well_known_types_root():
    # Debian's protoc neither bundles nor searches the well-known types (google/protobuf/*.proto);
    # they come with libprotobuf-dev, which protobuf-compiler only recommends.
    root = os.environ.get("PROTOC_INCLUDE", "/usr/include")
    if not os.path.exists(os.path.join(root, "google", "protobuf", "timestamp.proto")):
        raise RuntimeError(
            f"the protobuf well-known types are not in {root}/google/protobuf: "
            "install libprotobuf-dev (Debian) or set PROTOC_INCLUDE to a folder holding google/protobuf/*.proto")
    return root


def load_ketcds(build_dir):
    """Compiles protos/ketcds/v1 into build_dir and returns a namespace of the *_pb2 modules."""
    protoc = os.environ.get("PROTOC") or shutil.which("protoc") or "/usr/bin/protoc"
    if not os.path.exists(protoc):
        raise RuntimeError("protoc not found: install protobuf-compiler or set PROTOC")
    _check_protoc_matches_runtime(protoc)
    sources = [os.path.join(PROTO_ROOT, "ketcds", "v1", f"{name}.proto") for name in KETCDS_PROTOS]
    include = [f"-I{PROTO_ROOT}", f"-I{_well_known_types_root()}"]
    result = subprocess.run([protoc, *include, f"--python_out={build_dir}", *sources],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"protoc failed:\n{result.stderr}")
    sys.path.insert(0, build_dir)
    return types.SimpleNamespace(**{
        name: importlib.import_module(f"ketcds.v1.{name}_pb2") for name in KETCDS_PROTOS})


def _field(message, name, number, kind, type_name=None, repeated=False):
    field = message.field.add()
    field.name = name
    field.number = number
    field.type = kind
    field.label = (descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED if repeated
                   else descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL)
    if type_name:
        field.type_name = type_name


def _google_rpc_file():
    fd = descriptor_pb2.FileDescriptorProto()
    fd.name = "interop/google_rpc_shapes.proto"
    fd.package = "google.rpc"
    fd.syntax = "proto3"
    fd.dependency.append("google/protobuf/any.proto")
    T = descriptor_pb2.FieldDescriptorProto
    status = fd.message_type.add(name="Status")
    _field(status, "code", 1, T.TYPE_INT32)
    _field(status, "message", 2, T.TYPE_STRING)
    _field(status, "details", 3, T.TYPE_MESSAGE, ".google.protobuf.Any", repeated=True)
    bad_request = fd.message_type.add(name="BadRequest")
    violation = bad_request.nested_type.add(name="FieldViolation")
    _field(violation, "field", 1, T.TYPE_STRING)
    _field(violation, "description", 2, T.TYPE_STRING)
    _field(bad_request, "field_violations", 1, T.TYPE_MESSAGE,
           ".google.rpc.BadRequest.FieldViolation", repeated=True)
    return fd


def _health_file():
    fd = descriptor_pb2.FileDescriptorProto()
    fd.name = "interop/grpc_health_shapes.proto"
    fd.package = "grpc.health.v1"
    fd.syntax = "proto3"
    T = descriptor_pb2.FieldDescriptorProto
    request = fd.message_type.add(name="HealthCheckRequest")
    _field(request, "service", 1, T.TYPE_STRING)
    response = fd.message_type.add(name="HealthCheckResponse")
    status = response.enum_type.add(name="ServingStatus")
    for name, number in [("UNKNOWN", 0), ("SERVING", 1), ("NOT_SERVING", 2), ("SERVICE_UNKNOWN", 3)]:
        status.value.add(name=name, number=number)
    _field(response, "status", 1, T.TYPE_ENUM, ".grpc.health.v1.HealthCheckResponse.ServingStatus")
    return fd


def _classes(fd, names):
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(any_pb2.DESCRIPTOR.serialized_pb)
    pool.Add(fd)
    result = {}
    for name in names:
        descriptor = pool.FindMessageTypeByName(f"{fd.package}.{name}")
        name = name.replace(".", "")
        if hasattr(message_factory, "GetMessageClass"):
            result[name] = message_factory.GetMessageClass(descriptor)
        else:
            result[name] = message_factory.MessageFactory(pool).GetPrototype(descriptor)
    return types.SimpleNamespace(**result)


def load_google_rpc():
    """Returns google.rpc.Status, BadRequest and BadRequestFieldViolation classes."""
    return _classes(_google_rpc_file(), ["Status", "BadRequest", "BadRequest.FieldViolation"])


def load_health():
    """Returns grpc.health.v1.HealthCheckRequest and HealthCheckResponse classes."""
    return _classes(_health_file(), ["HealthCheckRequest", "HealthCheckResponse"])
