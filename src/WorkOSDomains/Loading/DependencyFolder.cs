using System;
using System.IO;

namespace WorkOSDomains.Loading
{
    /// <summary>Finds and checks the Dependencies folder next to the cmdlet assembly.</summary>
    internal static class DependencyFolder
    {
        internal const string EngineAssemblyName = "WorkOSDomains.Engine";

        /// <summary>
        /// Returns the folder, or throws a message naming what is missing and where, so a broken
        /// install is diagnosed at import rather than as a bare FileNotFoundException later.
        /// </summary>
        internal static string Require(string moduleFolder)
        {
            string folder = Path.Combine(moduleFolder, ModuleInitializer.DependencyFolderName);
            string engine = Path.Combine(folder, EngineAssemblyName + ".dll");
            if (!File.Exists(engine))
            {
                throw new FileNotFoundException(
                    $"WorkOSDomains cannot load: '{EngineAssemblyName}.dll' is missing from '{folder}'. " +
                    $"The module folder '{moduleFolder}' is incomplete; reinstall the module or run './build.ps1 Build'.",
                    engine);
            }
            return folder;
        }

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
