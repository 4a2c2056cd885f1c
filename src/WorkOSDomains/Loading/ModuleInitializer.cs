using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.CompilerServices;

namespace WorkOSDomains.Loading
{
    /// <summary>
    /// Hooks dependency resolution when the module is imported and unhooks it when the module is
    /// removed. The engine and every third-party assembly live in the module's Dependencies folder,
    /// which neither PowerShell nor the runtime probes, so they are only ever found through here.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string DependencyFolderName = "Dependencies";

        private static readonly object Gate = new object();
        private static IDependencyResolver? _resolver;

        public void OnImport()
        {
            lock (Gate)
            {
                if (_resolver != null) return;
                string moduleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
                string dependencyFolder = DependencyFolder.Require(moduleFolder);
                _resolver = IsCoreClr() ? CreateCoreResolver(dependencyFolder) : new DesktopResolver(dependencyFolder);
                _resolver.Hook();
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                _resolver?.Unhook();
                _resolver = null;
            }
        }

        private static bool IsCoreClr() =>
            !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        // Kept out of line so Windows PowerShell never JIT-compiles a reference to
        // AssemblyLoadContext, which .NET Framework does not have.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IDependencyResolver CreateCoreResolver(string dependencyFolder) => new CoreResolver(dependencyFolder);
    }

    internal interface IDependencyResolver
    {
        void Hook();
        void Unhook();
    }
}
