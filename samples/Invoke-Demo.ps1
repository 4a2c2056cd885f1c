<#
.SYNOPSIS
    The main job, end to end, against the local WorkOS emulator and a local Knot DNS server that
    stands in for the customer's DNS provider. build.ps1 Demo runs it.
.DESCRIPTION
    Connects, creates an organization and claims its domain, shows the TXT record to publish,
    publishes it the way a hurried admin often does (the zone typed into the host field again),
    shows Test-WorkOSDnsChallenge finding that and Invoke-WorkOSDomainVerification refusing to
    start an attempt that cannot succeed, publishes the record right, verifies with -Wait, then
    hands the customer an Admin Portal link and lists the domain events. Everything it starts
    (emulator, Knot) is stopped at the end, also on Ctrl+C; nothing is installed.
    Without Knot it says how to get it and runs the API part alone.
.EXAMPLE
    dotnet pwsh ./build.ps1 Demo
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
Import-Module (Join-Path $root 'tests/tools/Emulator.psm1')
Import-Module (Join-Path $root 'tests/dns/KnotLab.psm1')
Import-Module $ModulePath
function Show([string] $command) { Write-Host "`n> $command" -ForegroundColor Yellow }
function Say([string] $text) { Write-Host "`n$text" -ForegroundColor Cyan }

$key = 'sk_test_fake_demo'
$zone = 'northwind.example'
$missing = @(Get-KnotLabMissing)
$withDns = $missing.Count -eq 0
$knot = $null; $emulator = $null
try {
    $emulatorArguments = @('--api-key', $key, '--verify-delay-ms', 3000)
    if ($withDns) {
        $knot = Start-KnotServer -Zone @{ $zone = '' }
        # WorkOS's own DNS check, in the emulator, asks the same local server.
        $emulatorArguments += '--dns-server', $knot.EndPoint
        $dns = @{ BootstrapServer = $knot.EndPoint; AuthoritativePort = $knot.Port }
    }
    else {
        Say "$($missing -join ', ') not found, so this demo runs the API part only, without DNS. To see the DNS checks too, install them: $(Get-KnotLabInstallHint)."
    }
    $emulator = Start-WorkOSEmulator -Path $EmulatorPath -ArgumentList $emulatorArguments

    Show "Connect-WorkOS -ApiKey $key -BaseUri $($emulator.BaseUri)"
    Connect-WorkOS -ApiKey $key -BaseUri $emulator.BaseUri -PassThru | Out-Host

    Show "`$org = New-WorkOSOrganization -Name 'Northwind Traders' -ExternalId crm-2001"
    $org = New-WorkOSOrganization -Name 'Northwind Traders' -ExternalId crm-2001
    $org | Out-Host

    Show "`$domain = `$org | New-WorkOSOrganizationDomain -Domain login.$zone"
    $domain = $org | New-WorkOSOrganizationDomain -Domain "login.$zone"
    $domain | Out-Host
    Show '$domain.DnsRecordInstruction'
    $domain.DnsRecordInstruction | Out-Host
    Show '$domain | Get-WorkOSDnsRecord -Zone northwind.example -Format WindowsDns'
    $domain | Get-WorkOSDnsRecord -Zone $zone -Format WindowsDns | Out-Host

    if ($withDns) {
        $record = $domain | Get-WorkOSDnsRecord -Zone $zone
        Say "The customer's admin types the full name into the host field: the provider appends the zone again."
        Update-KnotZone -Server $knot -Origin $zone -Records "$($record.Name) IN TXT `"$($record.Value)`"" -Serial 2

        Show '$domain | Test-WorkOSDnsChallenge'
        $domain | Test-WorkOSDnsChallenge @dns | Out-Host

        Show '$domain | Invoke-WorkOSDomainVerification'
        $domain | Invoke-WorkOSDomainVerification @dns -ErrorAction Continue
        Say 'No verification attempt was spent: the record is not where WorkOS looks.'

        Say "The admin enters only '$($record.HostName)' in the host field."
        Update-KnotZone -Server $knot -Origin $zone -Records "$($record.HostName) IN TXT `"$($record.Value)`"" -Serial 3
        Show '$domain | Test-WorkOSDnsChallenge'
        $domain | Test-WorkOSDnsChallenge @dns | Out-Host
    }

    if ($withDns) {
        Show '$domain | Invoke-WorkOSDomainVerification -Wait -Interval 1'
        $domain | Invoke-WorkOSDomainVerification @dns -Wait -Interval 1 | Out-Host
    }
    else {
        Say 'Without DNS there is no record to check: the emulator, started without a DNS server, verifies at once. Against WorkOS, this step waits until WorkOS finds the TXT record above.'
        Show '$domain | Invoke-WorkOSDomainVerification -SkipDnsCheck -Wait -Interval 1'
        $domain | Invoke-WorkOSDomainVerification -SkipDnsCheck -Wait -Interval 1 | Out-Host
    }

    Show 'Get-WorkOSDomain -Domain login.northwind.example | Format-List Domain, State, OrganizationId'
    Get-WorkOSDomain -Domain "login.$zone" | Format-List Domain, State, OrganizationId | Out-Host

    Say 'The self-serve flow: a five-minute Admin Portal link for the customer''s IT contact.'
    Show '$org | New-WorkOSPortalLink -ItContactEmail it@northwind.example'
    $org | New-WorkOSPortalLink -ItContactEmail "it@$zone" | Out-Host

    Show '$org | Get-WorkOSEvent'
    $org | Get-WorkOSEvent | Out-Host
}
finally {
    if ($emulator) { $emulator | Stop-WorkOSEmulator }
    if ($knot) { $knot | Stop-KnotServer }
}
