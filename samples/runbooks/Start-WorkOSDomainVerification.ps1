<#
.SYNOPSIS
    Claims a domain for a WorkOS organization (or finds the claim), shows the TXT record to
    publish, waits until DNS serves it, verifies, and fails the job with the diagnosis when DNS
    stays wrong.
.DESCRIPTION
    Runtime: Windows PowerShell 5.1, or a PowerShell 7.4 (or later) runtime environment; sandbox or
    Hybrid Worker, with the WorkOSDomains module imported into the Automation account.

    The API key comes from an encrypted Automation variable (-ApiKeyVariable), or, with
    -KeyVaultName, from Key Vault through the managed identity. The DNS check asks the domain's
    authoritative name servers directly, never a public resolver, so waiting does not leave a
    cached "no such record" behind.

    The job's output says what to publish. While the record is missing or wrong the job waits
    (-DnsTimeoutMinutes); then it starts verification and waits for WorkOS (-VerifyTimeoutMinutes).
    It ends with the verified domain, or fails with the findings and their fixes.
.PARAMETER OrganizationId
    The organization that claims the domain (org_...).
.PARAMETER Domain
    The domain to verify, such as contoso.com.
.PARAMETER DnsTimeoutMinutes
    How long to wait for the record to appear on every authoritative name server.
.PARAMETER VerifyTimeoutMinutes
    How long to wait for WorkOS once verification has started.
.PARAMETER ApiKeyVariable
    The encrypted Automation variable that holds the WorkOS secret key.
.PARAMETER KeyVaultName
    Read the key from this Key Vault instead, through the managed identity.
.PARAMETER SecretName
    The Key Vault secret that holds the key.
.EXAMPLE
    .\Start-WorkOSDomainVerification.ps1 -OrganizationId org_01HXYZ -Domain contoso.com -DnsTimeoutMinutes 120
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $OrganizationId,
    [Parameter(Mandatory)] [string] $Domain,
    [double] $DnsTimeoutMinutes = 60,
    [double] $VerifyTimeoutMinutes = 10,
    [string] $ApiKeyVariable = 'WorkOSApiKey',
    [string] $KeyVaultName,
    [string] $SecretName = 'workos-api-key'
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

# Running the job again is safe: an existing claim by this organization is found, not made twice.
$claim = Get-WorkOSDomain -OrganizationId $OrganizationId | Where-Object Domain -eq $Domain.Trim().TrimEnd('.').ToLowerInvariant()
if (-not $claim) { $claim = New-WorkOSOrganizationDomain -OrganizationId $OrganizationId -Domain $Domain }
Write-Output "$($claim.Domain): $($claim.State). $($claim.DnsRecordInstruction)"
if ($claim.IsVerified) { return $claim }
if (-not $claim.DnsRecordValue) { throw "Cannot verify $($claim.Domain) by DNS yet: $($claim.DnsRecordInstruction)" }

$check = $claim | Test-WorkOSDnsChallenge -Wait -Timeout ($DnsTimeoutMinutes * 60)
if (-not $check.Passed) {
    $diagnosis = ($check.Findings | Where-Object { $_.Severity -in 'Fail', 'Error' } | ForEach-Object { "$($_.Code): $($_.Message) Fix: $($_.Fix)" }) -join "`n"
    throw "The TXT record of $($claim.Domain) was still not served by every authoritative name server after $DnsTimeoutMinutes minutes:`n$diagnosis"
}
Write-Output "DNS serves the record at $($check.RecordName); starting verification."
$claim | Invoke-WorkOSDomainVerification -Wait -Timeout ($VerifyTimeoutMinutes * 60)
