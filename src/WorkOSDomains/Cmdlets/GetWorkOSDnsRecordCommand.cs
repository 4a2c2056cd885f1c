using System.Management.Automation;
using WorkOSDomains.Engine.Dns;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>The TXT record a domain needs, or the command that creates it at a DNS provider.</summary>
    [Cmdlet(VerbsCommon.Get, "WorkOSDnsRecord")]
    [OutputType(typeof(DnsRecordInstruction))]
    [OutputType(typeof(string))]
    public sealed class GetWorkOSDnsRecordCommand : DnsChallengeCmdlet
    {
        /// <summary>The DNS zone the domain lives in, when it is a subdomain of the zone.</summary>
        [Parameter]
        public string? Zone { get; set; }

        [Parameter]
        [ValidateRange(1, 86400)]
        public int Ttl { get; set; } = OrganizationDomain.RecommendedTtl;

        [Parameter]
        [ValidateSet("Object", "WindowsDns", "AzureDns", "Bind")]
        public string Format { get; set; } = "Object";

        /// <summary>The Azure resource group of the zone, for -Format AzureDns.</summary>
        [Parameter]
        public string? ResourceGroupName { get; set; }

        protected override void ProcessRecord()
        {
            DnsRecordInstruction record;
            try
            {
                record = DnsRecords.Instruction(ReadChallenge(), Zone, Ttl);
            }
            catch (InvalidInputException e)
            {
                WriteError(ErrorFor(e, Domain));
                return;
            }
            switch (Format)
            {
                case "WindowsDns": WriteObject(record.ToWindowsDns()); break;
                case "AzureDns": WriteObject(record.ToAzureDns(ResourceGroupName)); break;
                case "Bind": WriteObject(record.ToBind()); break;
                default: WriteObject(record); break;
            }
        }
    }
}
