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
                _resolver = HasLoadContexts() ? CreateCoreResolver(dependencyFolder) : new DesktopResolver(dependencyFolder);
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

        /// <summary>
        /// True on .NET (Core) 2.0 and later, PowerShell 6 and 7, whose core library is
        /// System.Private.CoreLib and which have AssemblyLoadContext; false on .NET Framework
        /// (Windows PowerShell 5.1) and on Mono's .NET Framework profile, whose core library is
        /// mscorlib and which have neither. RuntimeInformation.FrameworkDescription is no guide:
        /// Mono reports "Mono 6.8...", which is not ".NET Framework" and yet has no load contexts.
        /// </summary>
        internal static bool HasLoadContexts() =>
            string.Equals(typeof(object).Assembly.GetName().Name, "System.Private.CoreLib", StringComparison.Ordinal);

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
