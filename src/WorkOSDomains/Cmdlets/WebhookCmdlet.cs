using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using WorkOSDomains.Engine.Validation;
using WorkOSDomains.Engine.Webhooks;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// A cmdlet about one webhook request: its body as received, its WorkOS-Signature header, and
    /// the endpoint's signing secret.
    /// </summary>
    public abstract class WebhookCmdlet : WorkOSCmdlet
    {
        // An empty body is a request like any other: it fails the check, not parameter binding.
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [PayloadTransformation]
        [AllowEmptyCollection]
        [AllowEmptyString]
        public byte[] Payload { get; set; } = Array.Empty<byte>();

        // A request without the header must reach the check (and fail it), not fail parameter binding.
        [Parameter(Mandatory = true, Position = 1)]
        [AllowNull]
        [AllowEmptyString]
        public string? SignatureHeader { get; set; }

        [Parameter(Mandatory = true)]
        [SecureStringTransformation]
        public SecureString Secret { get; set; } = null!;

        [Parameter]
        [SecondsTransformation]
        public TimeSpan Tolerance { get; set; } = WebhookSignature.DefaultTolerance;

        /// <summary>Runs a check with the secret as UTF-8 bytes, wiped afterwards; bad -Secret or -Tolerance ends the command.</summary>
        private protected T WithSecret<T>(Func<byte[], T> check)
        {
            byte[] secret = Utf8Of(Secret);
            try
            {
                return check(secret);
            }
            catch (InvalidInputException e) when (e.Field == "Secret" || e.Field == "Tolerance")
            {
                ThrowTerminatingError(ErrorFor(e, e.Field == "Tolerance" ? Tolerance : (object?)null));
                throw; // not reached: ThrowTerminatingError always throws
            }
            finally
            {
                Array.Clear(secret, 0, secret.Length);
            }
        }

        /// <summary>The secret's UTF-8 bytes, without making it a string.</summary>
        private static byte[] Utf8Of(SecureString secret)
        {
            var chars = new char[secret.Length];
            IntPtr pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            try
            {
                Marshal.Copy(pointer, chars, 0, chars.Length);
                return Encoding.UTF8.GetBytes(chars);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                Array.Clear(chars, 0, chars.Length);
            }
        }
    }
}
