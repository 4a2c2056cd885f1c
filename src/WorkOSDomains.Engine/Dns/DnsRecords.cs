using System;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>Builds the record instruction for a challenge, checking the zone holds the record.</summary>
    public static class DnsRecords
    {
        public static DnsRecordInstruction Instruction(DnsChallenge challenge, string? zone = null, int ttl = OrganizationDomain.RecommendedTtl)
        {
            string z = zone == null ? challenge.Domain : Validation.Input.DomainName(zone, "Zone");
            if (challenge.RecordName != z && !challenge.RecordName.EndsWith("." + z, StringComparison.Ordinal))
                throw new Validation.InvalidInputException("Zone", z, $"does not contain {challenge.RecordName}", $"Give the zone the domain lives in, such as '{challenge.Domain}'.");
            if (ttl < 1 || ttl > 86400)
                throw new Validation.InvalidInputException("Ttl", ttl.ToString(System.Globalization.CultureInfo.InvariantCulture), "is out of range", "Give 1 to 86400 seconds; 300 keeps a correction quick.");
            return new DnsRecordInstruction(challenge.Domain, z, challenge.RecordName, challenge.Token, ttl);
        }
    }
}
