# KetCds server image: the same publish and run steps the README gives, in two stages.
# Build stage: the .NET SDK restores, tests nothing, and publishes the server.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig KetCds.sln ./
COPY protos/ protos/
COPY src/ src/
# ReadyToRun (precompiled for the build's own platform, so a multi-platform build gets each its own): a fresh server
# reaches "listening" on the shipped rules with about a third less CPU (measured 1.0 s against 1.55 s, most of the rest
# being the JIT), and loading rule sets and the first calls run precompiled code instead of waiting for the JIT.
RUN dotnet publish src/KetCds.Server/KetCds.Server.csproj -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o /app

# Run stage: the ASP.NET runtime only, as a non-root user, with the shipped rules.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS run
WORKDIR /app
COPY --from=build /app ./
COPY rules/ /app/rules/
# The audit trail's SQLite file lives in a volume the non-root user can write.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
USER $APP_UID
EXPOSE 50051
# The collector's settings come with the publish (runtimeconfig from KetCds.Server.csproj: server GC without DATAS, GC
# threads not bound to cores; measured in tests/load/README.md). Where memory is tight, take DATAS back:
#   ENV DOTNET_GCDynamicAdaptationMode=1
# The server turns the runtime's inline socket completions on by default (Program.cs; the CDS Hooks listener then answers
# a small hook call on the socket thread that read it, one thread wake-up instead of two; gRPC calls still go to the
# thread pool). To keep socket completions on the thread pool instead:
#   ENV DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0
# and to keep the hooks listener on Kestrel's default scheduling: --KetCds:CdsHooks:InlineScheduling false
# Inside a container the server must listen on all interfaces; on a workstation it defaults to 127.0.0.1. On 0.0.0.0 the
# server refuses to start without TLS and an authentication scheme (see the README's "Building a container"): nothing
# here turns that check off, so the image never serves plaintext by default.
ENTRYPOINT ["dotnet", "KetCds.Server.dll", "--rules", "/app/rules", "--host", "0.0.0.0", "--port", "50051", "--KetCds:DataDirectory", "/data"]
