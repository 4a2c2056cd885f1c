using System;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace WorkOSDomains.TestHosts
{
    /// <summary>
    /// Late-bound calls. The harnesses compile against nothing of the module or of the other
    /// versions they load: a compile-time reference would put a copy in the harness's own folder,
    /// where the runtime finds it first, and the test would no longer be the one a host runs.
    /// </summary>
    internal static class Reflect
    {
        internal static Type Type(Assembly assembly, string name) =>
            assembly.GetType(name, throwOnError: false) ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no type {name}.");

        internal static object New(Type type, params object?[] args) => Invoke(() => Activator.CreateInstance(type, args)!);

        internal static object? Call(object target, string name, params object?[] args) =>
            Invoke(() => Find(target.GetType(), name, BindingFlags.Public | BindingFlags.Instance, args).Invoke(target, args));

        internal static object? CallStatic(Type type, string name, params object?[] args) =>
            Invoke(() => Find(type, name, BindingFlags.Public | BindingFlags.Static, args).Invoke(null, args));

        internal static object? Get(object target, string name) =>
            (target.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance) ?? throw new MissingMemberException(target.GetType().FullName, name)).GetValue(target);

        internal static void Set(object target, string name, object? value) =>
            (target.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance) ?? throw new MissingMemberException(target.GetType().FullName, name)).SetValue(target, value);

        /// <summary>Waits for a Task (or Task&lt;T&gt;) and returns its result, throwing what it threw.</summary>
        internal static object? Await(object? task)
        {
            var t = (Task)(task ?? throw new InvalidOperationException("The call returned no task."));
            t.GetAwaiter().GetResult();
            return t.GetType().IsGenericType ? t.GetType().GetProperty("Result")!.GetValue(t) : null;
        }

        private static MethodInfo Find(Type type, string name, BindingFlags flags, object?[] args)
        {
            MethodInfo[] candidates = type.GetMethods(flags)
                .Where(m => m.Name == name && !m.IsGenericMethodDefinition && m.GetParameters().Length == args.Length)
                .Where(m => m.GetParameters().Zip(args, (p, a) => a == null ? !p.ParameterType.IsValueType || Nullable.GetUnderlyingType(p.ParameterType) != null : p.ParameterType.IsInstanceOfType(a)).All(ok => ok))
                .ToArray();
            if (candidates.Length != 1)
                throw new MissingMethodException($"{type.FullName}.{name} with {args.Length} argument(s): {candidates.Length} matching overloads.");
            return candidates[0];
        }

        private static T Invoke<T>(Func<T> call)
        {
            try
            {
                return call();
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
    }
}
