using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WorkOSDomains.Engine.Json;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Engine.Webhooks
{
    /// <summary>
    /// Checks the WorkOS-Signature header of a webhook request: "t=&lt;unix milliseconds&gt;, v1=&lt;hex&gt;",
    /// where the signature is HMAC-SHA256(secret as UTF-8, "&lt;t&gt;.&lt;raw body bytes&gt;") in hex. The
    /// signature is checked over the body's bytes exactly as received; JSON parsed and written again
    /// has other bytes and never matches.
    /// </summary>
    public static class WebhookSignature
    {
        /// <summary>How far the signing time may be from now, either way; the Python and Go SDKs use the same.</summary>
        public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(180);

        private const int SignatureBytes = 32; // SHA-256

        /// <summary>
        /// Checks a webhook's signature and age. Never throws for a bad request (that is the answer);
        /// only for an unusable secret or tolerance.
        /// </summary>
        public static WebhookCheck Check(byte[] payload, string? header, byte[] secret, TimeSpan tolerance, DateTimeOffset now)
        {
            if (payload == null) throw new ArgumentNullException(nameof(payload));
            if (secret == null || secret.Length == 0)
                throw new InvalidInputException("Secret", null, "is empty", "Give the signing secret of the webhook endpoint, from the Webhooks page of the WorkOS dashboard.");
            if (tolerance <= TimeSpan.Zero)
                throw new InvalidInputException("Tolerance", tolerance.ToString(), "is not more than zero", "Give the most the signing time may differ from now, such as 180 seconds.");

            if (string.IsNullOrWhiteSpace(header)) return new WebhookCheck(WebhookProblem.MissingHeader, null, tolerance, now);
            if (!TryParse(header!, out string timestamp, out List<string> signatures, out DateTimeOffset signedAt))
                return new WebhookCheck(WebhookProblem.MalformedHeader, null, tolerance, now);

            byte[] expected;
            using (var hmac = new HMACSHA256(secret))
            {
                // The timestamp text exactly as the header carries it: that is what WorkOS signed.
                byte[] prefix = Encoding.UTF8.GetBytes(timestamp + ".");
                hmac.TransformBlock(prefix, 0, prefix.Length, null, 0);
                hmac.TransformFinalBlock(payload, 0, payload.Length);
                expected = hmac.Hash!;
            }
            bool matched = false;
            foreach (string candidate in signatures) matched |= FixedTimeEquals(expected, candidate);
            if (!matched) return new WebhookCheck(WebhookProblem.SignatureMismatch, signedAt, tolerance, now);

            TimeSpan age = now - signedAt;
            if (age > tolerance) return new WebhookCheck(WebhookProblem.TooOld, signedAt, tolerance, now);
            if (-age > tolerance) return new WebhookCheck(WebhookProblem.TooNew, signedAt, tolerance, now);
            return new WebhookCheck(WebhookProblem.None, signedAt, tolerance, now);
        }

        /// <summary>
        /// Checks the signature, then reads the body as one event: {id, event, data, created_at}, typed
        /// like the events API's. A bad signature throws <see cref="WebhookSignatureException"/> before
        /// the body is read; a signed body that is no event throws <see cref="InvalidInputException"/>.
        /// </summary>
        public static WorkOSEvent ReadEvent(byte[] payload, string? header, byte[] secret, TimeSpan tolerance, DateTimeOffset now)
        {
            WebhookCheck check = Check(payload, header, secret, tolerance, now);
            if (!check.IsValid) throw new WebhookSignatureException(check);

            EventWire? wire;
            try
            {
                wire = JsonSerializer.Deserialize(payload, WorkOSJsonContext.Default.EventWire);
                if (wire != null) wire.Domain = EventMapper.DomainOf(wire.Data);
            }
            catch (JsonException)
            {
                wire = null;
            }
            if (wire == null || string.IsNullOrEmpty(wire.Id) || string.IsNullOrEmpty(wire.Event))
                throw new InvalidInputException("Payload", null, "is not a WorkOS event", "A WorkOS webhook body is one JSON object with id, event, data and created_at.");
            return EventMapper.ToEvent(wire);
        }

        /// <summary>
        /// Reads "t=..., v1=..., v1=..." with or without spaces after the commas, in any order. Other
        /// schemes (a future v2) are skipped; a second timestamp makes the header ambiguous, so it is refused.
        /// </summary>
        private static bool TryParse(string header, out string timestamp, out List<string> signatures, out DateTimeOffset signedAt)
        {
            timestamp = "";
            signatures = new List<string>();
            signedAt = default;
            foreach (string part in header.Split(','))
            {
                string item = part.Trim();
                if (item.Length == 0) continue;
                int equals = item.IndexOf('=');
                if (equals <= 0) return false;
                string key = item.Substring(0, equals).Trim();
                string value = item.Substring(equals + 1).Trim();
                if (key.Equals("t", StringComparison.OrdinalIgnoreCase))
                {
                    if (timestamp.Length > 0 || !IsDigits(value)
                        || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds)
                        || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
                        return false;
                    timestamp = value;
                    signedAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
                }
                else if (key.Equals("v1", StringComparison.OrdinalIgnoreCase))
                {
                    signatures.Add(value);
                }
            }
            return timestamp.Length > 0 && signatures.Count > 0;
        }

        private static bool IsDigits(string text)
        {
            if (text.Length == 0) return false;
            foreach (char c in text) if (c < '0' || c > '9') return false;
            return true;
        }

        /// <summary>
        /// Compares a hex signature with the expected bytes in time that does not depend on where they
        /// differ (netstandard2.0 has no CryptographicOperations.FixedTimeEquals). Either hex case is read.
        /// </summary>
        private static bool FixedTimeEquals(byte[] expected, string hex)
        {
            if (hex.Length != SignatureBytes * 2) return false;
            int difference = 0;
            for (int i = 0; i < SignatureBytes; i++)
            {
                int high = HexValue(hex[2 * i]), low = HexValue(hex[2 * i + 1]);
                // A non-hex digit is -1 and sets bits no byte value can clear.
                difference |= ((high << 4) | low) ^ expected[i];
                difference |= (high | low) & ~0xF;
            }
            return difference == 0;
        }

        private static int HexValue(char c) =>
            c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
            : -1;
    }
}
