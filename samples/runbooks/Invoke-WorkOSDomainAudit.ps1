<#
.SYNOPSIS
    Scheduled fleet audit: every domain of every WorkOS organization, with the DNS diagnosis of
    each one that is not verified yet, as objects, a CSV file and an HTML report.
.DESCRIPTION
    Runtime: Windows PowerShell 5.1, or a PowerShell 7.4 (or later) runtime environment; sandbox or
    Hybrid Worker. Import the WorkOSDomains module into the Automation account first (the
    WorkOSDomains.zip from build.ps1 Package, or from the PowerShell Gallery).

    The API key comes from an encrypted Automation variable (-ApiKeyVariable), or, with
    -KeyVaultName, from Key Vault through the account's managed identity (Connect-AzAccount
    -Identity; the identity needs "get" on secrets). The DNS check asks each domain's
    authoritative name servers directly, so it needs outbound DNS (UDP and TCP port 53).

    Writes one report object per domain to the output stream, and the paths of the CSV and HTML
    files it saved in -ReportFolder (the sandbox's temp folder by default: copy them to storage or
    mail them in a later step). The HTML report is self-contained: counts by state at the top,
    then one row per domain, coloured by status, with every finding and its fix.
.PARAMETER ApiKeyVariable
    The encrypted Automation variable that holds the WorkOS secret key (sk_live_... or sk_test_...).
.PARAMETER KeyVaultName
    Read the key from this Key Vault instead, through the managed identity.
.PARAMETER SecretName
    The Key Vault secret that holds the key.
.PARAMETER ReportFolder
    Where the CSV and HTML files go.
.PARAMETER ThrottleLimit
    How many domains are checked at once.
.EXAMPLE
    .\Invoke-WorkOSDomainAudit.ps1 -ApiKeyVariable WorkOSApiKey
.EXAMPLE
    .\Invoke-WorkOSDomainAudit.ps1 -KeyVaultName contoso-kv -SecretName workos-api-key
#>
[CmdletBinding()]
param(
    [string] $ApiKeyVariable = 'WorkOSApiKey',
    [string] $KeyVaultName,
    [string] $SecretName = 'workos-api-key',
    [string] $ReportFolder = [IO.Path]::GetTempPath(),
    [int] $ThrottleLimit = 16
)
$ErrorActionPreference = 'Stop'
Import-Module WorkOSDomains

if ($KeyVaultName) {
    $null = Connect-AzAccount -Identity
    $key = Get-AzKeyVaultSecret -VaultName $KeyVaultName -Name $SecretName -AsPlainText
}
else {
    $key = Get-AutomationVariable -Name $ApiKeyVariable
}
Connect-WorkOS -ApiKey $key

$organizations = @{}
$domains = @(Get-WorkOSOrganization | ForEach-Object { $organizations[$_.Id] = $_.Name; $_.Domains })
$pending = @($domains | Where-Object { -not $_.IsVerified -and $_.DnsRecordValue })
$checks = @{}
# The DNS check of a domain without a token cannot run: its report row says what is missing.
$pending | Test-WorkOSDnsChallenge -ThrottleLimit $ThrottleLimit -ErrorAction Continue | ForEach-Object { $checks[$_.Domain] = $_ }

$report = foreach ($domain in $domains) {
    $check = $checks[$domain.Domain]
    $failing = @(if ($check) { $check.Findings | Where-Object { $_.Severity -in 'Fail', 'Error', 'Warning' } })
    [pscustomobject]@{
        Organization   = $organizations[$domain.OrganizationId]
        OrganizationId = $domain.OrganizationId
        Domain         = $domain.Domain
        State          = $domain.State
        DnsStatus      = if ($domain.IsVerified) { 'Verified' } elseif ($check) { "$($check.Status)" } else { 'NotChecked' }
        RecordName     = $domain.DnsRecordName
        RecordValue    = $domain.DnsRecordValue
        Findings       = ($failing | ForEach-Object { "$($_.Code): $($_.Message)" }) -join "`n"
        Fixes          = ($failing | Where-Object Fix | ForEach-Object { $_.Fix }) -join "`n"
        Instruction    = if ($domain.IsVerified) { '' }
                         elseif ($check.Passed) { 'The record is in place: start verification with Invoke-WorkOSDomainVerification, or wait for WorkOS to check again.' }
                         else { $domain.DnsRecordInstruction }
    }
}

$stamp = (Get-Date).ToUniversalTime().ToString('yyyyMMdd-HHmmss')
$csv = Join-Path $ReportFolder "workos-domain-audit-$stamp.csv"
$html = Join-Path $ReportFolder "workos-domain-audit-$stamp.html"
$report | Export-Csv -Path $csv -NoTypeInformation -Encoding UTF8

function ConvertTo-EncodedHtml([string] $text) { [System.Net.WebUtility]::HtmlEncode($text) -replace "`n", '<br>' }
$colours = @{ Verified = '#d9f2d9'; Pass = '#d9f2d9'; Warning = '#fff4cc'; Fail = '#f9d6d5'; Error = '#f2c4f2'; NotChecked = '#e8e8e8' }
$counts = ($report | Group-Object State | Sort-Object Name | ForEach-Object { "<span class='count'><b>$($_.Count)</b> $(ConvertTo-EncodedHtml $_.Name)</span>" }) -join ' '
$rows = foreach ($r in $report | Sort-Object DnsStatus, Organization, Domain) {
    "<tr style='background:$($colours["$($r.DnsStatus)"])'><td>$(ConvertTo-EncodedHtml $r.Organization)</td><td class='domain'>$(ConvertTo-EncodedHtml $r.Domain)</td>" +
    "<td>$(ConvertTo-EncodedHtml $r.State)</td><td><b>$(ConvertTo-EncodedHtml $r.DnsStatus)</b></td><td>$(ConvertTo-EncodedHtml $r.Findings)</td>" +
    "<td>$(ConvertTo-EncodedHtml ($r.Fixes, $r.Instruction | Where-Object { $_ } | Select-Object -First 1))</td></tr>"
}
@"
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>WorkOS domain audit $stamp</title>
<style>
body { font-family: Segoe UI, Helvetica, Arial, sans-serif; margin: 24px; color: #222; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #333; color: #fff; }
.count { display: inline-block; margin-right: 18px; font-size: 15px; }
</style></head><body>
<h1>WorkOS domain audit</h1>
<p>$((Get-Date).ToUniversalTime().ToString('u')): $($report.Count) domains in $($organizations.Count) organizations.</p>
<p>$counts</p>
<table><thead><tr><th>Organization</th><th>Domain</th><th>State</th><th>DNS</th><th>Findings</th><th>Fix</th></tr></thead>
<tbody>
$($rows -join "`n")
</tbody></table></body></html>
"@ | Set-Content -Path $html -Encoding UTF8

$report
Write-Output "CSV report: $csv"
Write-Output "HTML report: $html"
