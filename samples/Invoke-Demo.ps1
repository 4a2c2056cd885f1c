<#
.SYNOPSIS
    The main job, end to end, against a WorkOS API (build.ps1 Demo points it at the local emulator).
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

Write-Host "`n> Connect-WorkOS -BaseUri $BaseUri" -ForegroundColor Yellow
Connect-WorkOS -ApiKey $ApiKey -BaseUri $BaseUri -PassThru | Out-Host

Write-Host '> Get-WorkOSOrganization' -ForegroundColor Yellow
Get-WorkOSOrganization | Out-Host

Write-Host '> Get-WorkOSOrganization | ForEach-Object Domains | Where-Object State -ne verified' -ForegroundColor Yellow
Get-WorkOSOrganization | ForEach-Object Domains | Where-Object State -ne 'verified' | Out-Host

Write-Host '> Get-WorkOSOrganization -Domain contoso.example' -ForegroundColor Yellow
Get-WorkOSOrganization -Domain contoso.example | Out-Host
