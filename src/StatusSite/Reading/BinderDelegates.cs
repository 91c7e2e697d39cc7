using System.Reflection;

namespace StatusSite.Reading;

/// <summary>
/// Typed delegates for what the YAML binder would otherwise do by reflection on every file: create
/// a DTO, list or map, and set or read a property. Each is made once per type or property. Reflection's
/// own invoke path generates and compiles a stub per property at run time, which the ahead-of-time
/// compiled tool cannot hold, and dispatches each call through checks a delegate does not need.
/// </summary>
internal static class BinderDelegates
{
    private static readonly MethodInfo SetterOf = Generic(nameof(TypedSetter));
    private static readonly MethodInfo GetterOf = Generic(nameof(TypedGetter));
    private static readonly MethodInfo ConstructorOf = Generic(nameof(TypedConstructor));

    /// <summary>Sets <paramref name="property"/> on an object of its declaring type to a value of its type (boxed).</summary>
    public static Action<object, object> Setter(PropertyInfo property) =>
        SetterOf.MakeGenericMethod(property.DeclaringType!, property.PropertyType).CreateDelegate<Func<MethodInfo, Action<object, object>>>()(property.SetMethod!);

    /// <summary>Reads <paramref name="property"/> of an object of its declaring type, boxed.</summary>
    public static Func<object, object?> Getter(PropertyInfo property) =>
        GetterOf.MakeGenericMethod(property.DeclaringType!, property.PropertyType).CreateDelegate<Func<MethodInfo, Func<object, object?>>>()(property.GetMethod!);

    /// <summary>Creates an object of <paramref name="type"/>, which has a public parameterless constructor.</summary>
    public static Func<T> Constructor<T>(Type type)
        where T : class =>
        ConstructorOf.MakeGenericMethod(typeof(T), type).CreateDelegate<Func<Func<T>>>()();

    // The generic helpers are called through delegates, not MethodInfo.Invoke, which would
    // generate a stub for each of them in turn.
    private static MethodInfo Generic(string name) =>
        typeof(BinderDelegates).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Action<object, object> TypedSetter<TObject, TValue>(MethodInfo setter)
    {
        var set = setter.CreateDelegate<Action<TObject, TValue>>();
        return (target, value) => set((TObject)target, (TValue)value);
    }

    private static Func<object, object?> TypedGetter<TObject, TValue>(MethodInfo getter)
    {
        var get = getter.CreateDelegate<Func<TObject, TValue>>();
        return target => get((TObject)target);
    }

    private static Func<T> TypedConstructor<T, TConcrete>()
        where TConcrete : T, new() => () => new TConcrete();
}
