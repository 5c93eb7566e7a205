using System.Globalization;

namespace FhirSync.Sync.Benchmarks;

/// <summary>A process's resident memory and CPU time as Linux reports them in /proc/{pid}.</summary>
internal static class ProcessStatus
{
    /// <summary>Clock ticks per second of /proc/{pid}/stat (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>Peak resident set size since the process started (VmHWM), in bytes.</summary>
    public static long PeakResidentBytes(int processId) => StatusKilobytes(processId, "VmHWM:") * 1024;

    /// <summary>Resident set size now (VmRSS), in bytes.</summary>
    public static long ResidentBytes(int processId) => StatusKilobytes(processId, "VmRSS:") * 1024;

    /// <summary>User plus system CPU time the process has used, all threads, in seconds.</summary>
    public static double CpuSeconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // Fields after the command name, which sits in parentheses and may hold spaces: utime and stime are the 14th and 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>A child of this process whose command line contains <paramref name="commandLinePart"/>, or null.</summary>
    public static int? FindChild(string commandLinePart)
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            var children = File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var child in children.Select(text => int.Parse(text, CultureInfo.InvariantCulture)))
            {
                if (File.ReadAllText($"/proc/{child}/cmdline").Contains(commandLinePart, StringComparison.Ordinal)) return child;
            }
        }

        return null;
    }

    /// <summary>A process of the machine named <paramref name="name"/> (its /proc comm), or null.</summary>
    public static int? Find(string name)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id) &&
                File.Exists(Path.Combine(folder, "comm")) && File.ReadAllText(Path.Combine(folder, "comm")).Trim() == name) return id;
        }

        return null;
    }

    private static long StatusKilobytes(int processId, string field)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(text => text.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
