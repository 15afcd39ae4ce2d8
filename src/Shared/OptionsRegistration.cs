using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AssistantKit;

/// <summary>The one way AssistantKit packages register options: validated by a source-generated validator when the host starts.</summary>
/// <remarks>Shared source: compiled into each package that has options (no package sees another's internals).</remarks>
internal static class OptionsRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TOptions"/>, validated by <typeparamref name="TValidator"/> when the host starts
    /// (<c>ValidateOnStart</c>) and whenever the options are first read. Calling it again registers nothing twice.
    /// </summary>
    public static void AddValidatedOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(this IServiceCollection services)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(IValidateOptions<TOptions>) && descriptor.ImplementationType == typeof(TValidator))
            {
                return;
            }
        }

        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddOptions<TOptions>().ValidateOnStart();
    }
}
