using System;

namespace WorkOSDomains
{
    /// <summary>The TXT record to publish for a domain, and the commands that publish it.</summary>
    public sealed class DnsRecordInstruction
    {
        internal DnsRecordInstruction(string domain, string zone, string name, string value, int ttl)
        {
            Domain = domain;
            Zone = zone;
            Name = name;
            HostName = name == zone ? "@" : name.Substring(0, name.Length - zone.Length - 1);
            Value = value;
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

        /// <summary>A PowerShell single-quoted string (the resource group name is free text).</summary>
        private static string Quote(string text) => "'" + text.Replace("'", "''") + "'";

        public override string ToString() => $"{Name} {Ttl} IN TXT {Value}";
    }
}
