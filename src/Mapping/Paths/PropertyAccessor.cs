using System.Linq.Expressions;
using System.Reflection;

namespace FhirSync.Mapping.Paths;

/// <summary>Compiled getter and setter of one POCO property; reflection per row would dominate the mapping cost.</summary>
internal sealed class PropertyAccessor
{
    private readonly Func<object, object?> _get;
    private readonly Action<object, object?> _set;

    public PropertyAccessor(PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object), "instance");
        var value = Expression.Parameter(typeof(object), "value");
        var typedInstance = Expression.Convert(instance, property.DeclaringType!);
        _get = Expression.Lambda<Func<object, object?>>(
            Expression.Convert(Expression.Property(typedInstance, property), typeof(object)), instance).Compile();
        _set = Expression.Lambda<Action<object, object?>>(
            Expression.Assign(Expression.Property(typedInstance, property), Expression.Convert(value, property.PropertyType)),
            instance, value).Compile();
    }

    public object? Get(object instance) => _get(instance);

    public void Set(object instance, object? value) => _set(instance, value);
}
