<#
.SYNOPSIS
    The main job, end to end, against a WorkOS API (build.ps1 Demo points it at the local emulator).
.DESCRIPTION
    Connects, finds the organization that claims a domain, shows the TXT record each pending domain
    needs and, when Knot DNS is installed, publishes it in a local zone that stands in for the
    customer's DNS provider and checks it with Test-WorkOSDnsChallenge, first wrong, then right.
.EXAMPLE
    ./samples/Invoke-Demo.ps1 -ModulePath ./out/WorkOSDomains/0.1.0/WorkOSDomains.psd1 -BaseUri http://127.0.0.1:5000/
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [uri] $BaseUri,
    # The emulator's fake key; against the real API, pass your own or set WORKOS_API_KEY.
    [string] $ApiKey = 'sk_test_fake_emulator'
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
function Show([string] $command) { Write-Host "`n> $command" -ForegroundColor Yellow }

Show "Connect-WorkOS -BaseUri $BaseUri"
Connect-WorkOS -ApiKey $ApiKey -BaseUri $BaseUri -PassThru | Out-Host

Show 'Get-WorkOSOrganization'
Get-WorkOSOrganization | Out-Host

Show 'Get-WorkOSOrganization -Domain contoso.example'
Get-WorkOSOrganization -Domain contoso.example | Out-Host

Show '$pending = Get-WorkOSOrganization | ForEach-Object Domains | Where-Object State -ne verified'
$pending = @(Get-WorkOSOrganization | ForEach-Object Domains | Where-Object State -ne 'verified')
$pending | Out-Host

Show '$pending[0] | Get-WorkOSDnsRecord'
$pending[0] | Get-WorkOSDnsRecord | Out-Host
Show '$pending[0] | Get-WorkOSDnsRecord -Format WindowsDns'
$pending[0] | Get-WorkOSDnsRecord -Format WindowsDns | Out-Host

if (-not (Get-Command knotd -ErrorAction Ignore)) {
    Write-Host "`nKnot DNS (knotd) is not installed, so the DNS check is skipped. Install it (apt-get install knot knot-dnsutils) to see Test-WorkOSDnsChallenge here." -ForegroundColor Cyan
    return
}

# A local authoritative server for the domain, standing in for the customer's DNS provider.
Import-Module (Join-Path $PSScriptRoot '../tests/dns/KnotLab.psm1')
$domain = $pending[0]
$record = $domain | Get-WorkOSDnsRecord
$knot = Start-KnotServer -Zone @{ $domain.Domain = "$($record.HostName).$($domain.Domain) IN TXT `"$($record.Value)`"" }
$dns = @{ BootstrapServer = $knot.EndPoint; AuthoritativePort = $knot.Port }
try {
    Write-Host "`nThe customer typed the full name into the host field: the provider appended the zone again." -ForegroundColor Cyan
    Show '$domain | Test-WorkOSDnsChallenge'
    $domain | Test-WorkOSDnsChallenge @dns | Out-Host

    Update-KnotZone -Server $knot -Origin $domain.Domain -Records "$($record.HostName) IN TXT `"$($record.Value)`"" -Serial 2
    Write-Host 'The customer entered only the host name.' -ForegroundColor Cyan
    Show '$domain | Test-WorkOSDnsChallenge'
    $domain | Test-WorkOSDnsChallenge @dns | Out-Host
}
finally {
    $knot | Stop-KnotServer
}
