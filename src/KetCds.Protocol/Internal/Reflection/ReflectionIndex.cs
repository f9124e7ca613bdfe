using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace KetCds.Protocol.Internal.Reflection;

/// <summary>Lookup tables over the proto files of the mapped services and all of their transitive dependencies.</summary>
internal sealed class ReflectionIndex
{
    private readonly Dictionary<string, FileDescriptor> _filesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _filesBySymbol = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Extendee, int Number), FileDescriptor> _filesByExtension = [];
    private readonly Dictionary<string, List<int>> _extensionNumbers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _messageTypes = new(StringComparer.Ordinal);

    public ReflectionIndex(IReadOnlyList<ServiceDescriptor> services)
    {
        var names = new List<string>(services.Count);
        foreach (var service in services)
        {
            names.Add(service.FullName);
            AddFile(service.File);
        }

        names.Sort(StringComparer.Ordinal);
        ServiceNames = names;
    }

    /// <summary>Full names of the mapped services, sorted ordinally so answers are deterministic.</summary>
    public IReadOnlyList<string> ServiceNames { get; }

    public FileDescriptor? FindFileByName(string name) => _filesByName.GetValueOrDefault(name);

    public FileDescriptor? FindFileBySymbol(string symbol) => _filesBySymbol.GetValueOrDefault(symbol);

    public FileDescriptor? FindFileByExtension(string extendee, int number) =>
        _filesByExtension.GetValueOrDefault((extendee, number));

    public bool IsMessageType(string fullName) => _messageTypes.Contains(fullName);

    public IReadOnlyList<int> ExtensionNumbersOf(string extendee) =>
        _extensionNumbers.TryGetValue(extendee, out var numbers) ? numbers : [];

    /// <summary>The file first, then its transitive dependencies depth-first, each once.</summary>
    public static IReadOnlyList<ByteString> WithDependencies(FileDescriptor file)
    {
        var result = new List<ByteString>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>();
        pending.Push(file);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next.Name))
            {
                continue;
            }

            result.Add(next.SerializedData);
            for (var i = next.Dependencies.Count - 1; i >= 0; i--)
            {
                pending.Push(next.Dependencies[i]);
            }
        }

        return result;
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_filesByName.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var service in file.Services)
        {
            _filesBySymbol[service.FullName] = file;
            foreach (var method in service.Methods)
            {
                _filesBySymbol[method.FullName] = file;
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(file, message);
        }

        foreach (var enumType in file.EnumTypes)
        {
            AddEnum(file, enumType);
        }

        AddExtensions(file, file.Extensions.UnorderedExtensions);
        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }
    }

    private void AddMessage(FileDescriptor file, MessageDescriptor message)
    {
        _filesBySymbol[message.FullName] = file;
        _messageTypes.Add(message.FullName);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            _filesBySymbol[field.FullName] = file;
        }

        foreach (var nested in message.NestedTypes)
        {
            AddMessage(file, nested);
        }

        foreach (var nestedEnum in message.EnumTypes)
        {
            AddEnum(file, nestedEnum);
        }

        AddExtensions(file, message.Extensions.UnorderedExtensions);
    }

    private void AddEnum(FileDescriptor file, EnumDescriptor enumType)
    {
        _filesBySymbol[enumType.FullName] = file;
        foreach (var value in enumType.Values)
        {
            // Enum values are scoped beside their enum, as in the protobuf symbol table.
            var scope = enumType.FullName[..Math.Max(0, enumType.FullName.LastIndexOf('.'))];
            _filesBySymbol.TryAdd(scope.Length == 0 ? value.Name : $"{scope}.{value.Name}", file);
        }
    }

    private void AddExtensions(FileDescriptor file, IList<FieldDescriptor> extensions)
    {
        foreach (var extension in extensions)
        {
            _filesBySymbol[extension.FullName] = file;
            var extendee = extension.ExtendeeType.FullName;
            if (_filesByExtension.TryAdd((extendee, extension.FieldNumber), file))
            {
                if (!_extensionNumbers.TryGetValue(extendee, out var numbers))
                {
                    numbers = [];
                    _extensionNumbers[extendee] = numbers;
                }

                numbers.Add(extension.FieldNumber);
            }
        }
    }
}
