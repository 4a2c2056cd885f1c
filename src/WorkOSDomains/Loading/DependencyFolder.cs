using System;
using System.IO;
using System.Reflection;

namespace WorkOSDomains.Loading
{
    /// <summary>Finds and checks the Dependencies folder next to the cmdlet assembly.</summary>
    internal static class DependencyFolder
    {
        internal const string EngineAssemblyName = "WorkOSDomains.Engine";

        /// <summary>The object model: next to the cmdlets, in the default context, never in Dependencies.</summary>
        internal const string ModelAssemblyName = "WorkOSDomains.Model";

        /// <summary>Written by build.ps1: one "name version" line per assembly the module ships.</summary>
        internal const string ListFileName = "dependencies.txt";

        /// <summary>
        /// Returns the folder after checking that every assembly the build listed is there in the
        /// listed version. A broken install is reported at import, naming the file and the module
        /// folder, rather than as a bare FileNotFoundException at first use. Reads metadata only.
        /// </summary>
        internal static string Require(string moduleFolder)
        {
            string folder = Path.Combine(moduleFolder, ModuleInitializer.DependencyFolderName);
            string list = Path.Combine(folder, ListFileName);
            if (!File.Exists(list)) throw Broken(moduleFolder, $"'{ListFileName}' is missing from '{folder}'", list);

            foreach (string line in File.ReadAllLines(list))
            {
                string[] parts = line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2) continue;
                string file = Path.Combine(folder, parts[0] + ".dll");
                if (!File.Exists(file)) throw Broken(moduleFolder, $"'{parts[0]}.dll' is missing from '{folder}'", file);
                Version? found;
                try
                {
                    found = AssemblyName.GetAssemblyName(file).Version;
                }
                catch (Exception e) when (e is BadImageFormatException || e is FileLoadException)
                {
                    throw Broken(moduleFolder, $"'{file}' is not a readable assembly", file);
                }
                if (found?.ToString() != parts[1])
                    throw Broken(moduleFolder, $"'{file}' is version {found}, but this module was built with {parts[1]}", file);
            }
            return folder;
        }

        private static FileNotFoundException Broken(string moduleFolder, string problem, string file) =>
            new FileNotFoundException(
                $"WorkOSDomains cannot load: {problem}. The module folder '{moduleFolder}' is incomplete or mixes files " +
                "of different versions; reinstall the module (or run './build.ps1 Build').", file);

        /// <summary>The path of a dependency shipped with the module, or null when it is not ours.</summary>
        internal static string? PathOf(string folder, string? simpleName)
        {
            if (string.IsNullOrEmpty(simpleName) || simpleName!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
            string candidate = Path.Combine(folder, simpleName + ".dll");
            return File.Exists(candidate) ? candidate : null;
        }

        /// <summary>Names a dependency that is listed but unreadable, with the folder it was expected in.</summary>
        internal static Exception Unloadable(string path, Exception inner) =>
            new FileLoadException(
                $"WorkOSDomains cannot load its dependency '{Path.GetFileName(path)}' from '{Path.GetDirectoryName(path)}': {inner.Message} " +
                "The module folder is damaged or mixes files of different versions; reinstall the module.",
                path, inner);
    }
}
