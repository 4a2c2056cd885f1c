using System;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>The TXT record to publish for a domain, and the commands that publish it.</summary>
    public sealed class DnsRecordInstruction
    {
        private DnsRecordInstruction(DnsChallenge challenge, string zone, int ttl)
        {
            Domain = challenge.Domain;
            Zone = zone;
            Name = challenge.RecordName;
            HostName = Relative(challenge.RecordName, zone);
            Value = challenge.Token;
            Ttl = ttl;
        }

        public string Domain { get; }
        public string Zone { get; }
        /// <summary>The full record name.</summary>
        public string Name { get; }
        /// <summary>What to enter in a DNS provider's host field: the name relative to the zone.</summary>
        public string HostName { get; }
        public string Type => "TXT";
        public string Value { get; }
        public int Ttl { get; }

        public static DnsRecordInstruction For(DnsChallenge challenge, string? zone = null, int ttl = 300)
        {
            string z = zone == null ? challenge.Domain : Validation.Input.DomainName(zone, "Zone");
            if (challenge.RecordName != z && !challenge.RecordName.EndsWith("." + z, StringComparison.Ordinal))
                throw new ArgumentException($"-Zone '{z}' does not contain {challenge.RecordName}. Pass the zone the domain lives in, such as '{challenge.Domain}'.", "Zone");
            if (ttl < 1 || ttl > 86400) throw new ArgumentOutOfRangeException("Ttl", ttl, "-Ttl must be between 1 and 86400 seconds; 300 keeps a correction quick.");
            return new DnsRecordInstruction(challenge, z, ttl);
        }

        /// <summary>Windows DNS Server (DnsServer module).</summary>
        public string ToWindowsDns() =>
            $"Add-DnsServerResourceRecord -ZoneName {Quote(Zone)} -Name {Quote(HostName)} -Txt -DescriptiveText {Quote(Value)} -TimeToLive ([TimeSpan]::FromSeconds({Ttl}))";

        /// <summary>Azure DNS (Az.Dns): a new record set, or the value added to an existing one.</summary>
        public string ToAzureDns(string? resourceGroupName)
        {
            string rg = Quote(string.IsNullOrWhiteSpace(resourceGroupName) ? "<resource-group>" : resourceGroupName!);
            return $"New-AzDnsRecordSet -ResourceGroupName {rg} -ZoneName {Quote(Zone)} -Name {Quote(HostName)} -RecordType TXT -Ttl {Ttl} -DnsRecords (New-AzDnsRecordConfig -Value {Quote(Value)})"
                + Environment.NewLine
                + $"# If the record set exists already: Get-AzDnsRecordSet -ResourceGroupName {rg} -ZoneName {Quote(Zone)} -Name {Quote(HostName)} -RecordType TXT | Add-AzDnsRecordConfig -Value {Quote(Value)} | Set-AzDnsRecordSet";
        }

        /// <summary>A BIND zone-file line.</summary>
        public string ToBind() => $"{Name}. {Ttl} IN TXT \"{Value}\""; // tokens hold no quotes or backslashes

        private static string Relative(string name, string zone) =>
            name == zone ? "@" : name.Substring(0, name.Length - zone.Length - 1);

        /// <summary>A PowerShell single-quoted string (the resource group name is free text).</summary>
        private static string Quote(string text) => "'" + text.Replace("'", "''") + "'";

        public override string ToString() => $"{Name} {Ttl} IN TXT {Value}";
    }
}
