using System.Collections;
using System.Management.Automation;
using System.Text;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// Lets -Payload take a webhook body as received: a string (its UTF-8 bytes are what WorkOS
    /// signed) or the bytes themselves. Refuses what cannot be the raw body, saying why.
    /// </summary>
    public sealed class PayloadTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case byte[] bytes:
                    return bytes;
                case string text:
                    return Encoding.UTF8.GetBytes(text);
                case byte _:
                    // The pipeline enumerates arrays, so piped bytes arrive one at a time.
                    throw new ArgumentTransformationMetadataException(
                        "A single byte was given: the pipeline takes byte arrays apart. Pass the bytes with -Payload $bytes (or pipe ,$bytes).");
                case IEnumerable _:
                    throw new ArgumentTransformationMetadataException(
                        "Several values were given. Give the raw request body as one string (Get-Content -Raw reads a file as one) or as bytes.");
                default:
                    throw new ArgumentTransformationMetadataException(
                        $"A {value?.GetType().Name ?? "null"} was given, but the signature covers the raw request body: give it as the string or bytes received. " +
                        "JSON converted to objects and back (ConvertFrom-Json, ConvertTo-Json) has other bytes and never verifies.");
            }
        }
    }
}
