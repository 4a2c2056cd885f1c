<#
.SYNOPSIS
    Webhook runbook for WorkOS domain events: checks that the request really comes from WorkOS,
    then acts on organization_domain.verified and organization_domain.verification_failed.
.DESCRIPTION
    Runtime: Windows PowerShell 5.1. Use 5.1 for webhook runbooks: PowerShell 7 runbooks turn
    webhook JSON input into something else, and the signature covers the body's exact bytes.

    Create an Automation webhook for this runbook and register its URL as a WorkOS webhook
    endpoint for the organization_domain events. The webhook URL itself authenticates nobody:
    every request is checked against the endpoint's signing secret, kept in the encrypted
    Automation variable -SecretVariable. A request that fails the check fails the job, and
    nothing of it is acted on.

    On organization_domain.verified the runbook reports the domain (put your own follow-up here,
    such as enabling SSO for the organization). On organization_domain.verification_failed it
    reports the reason; when the verification period expired it reads the domain again with the
    API key (-ApiKeyVariable) and writes the DNS diagnosis, so whoever reads the job sees what to
    fix. A domain verified by another organization is reported as an error.
.PARAMETER WebhookData
    What Azure Automation passes to a webhook runbook: WebhookName, RequestHeader, RequestBody.
.PARAMETER SecretVariable
    The encrypted Automation variable that holds the WorkOS webhook signing secret.
.PARAMETER ApiKeyVariable
    The encrypted Automation variable that holds the WorkOS secret key, used for the diagnosis.
.PARAMETER ToleranceSeconds
    How old a signature may be. Jobs may wait in a queue before they run: allow for it.
#>
param(
    [object] $WebhookData,
    [string] $SecretVariable = 'WorkOSWebhookSecret',
    [string] $ApiKeyVariable = 'WorkOSApiKey',
    [int] $ToleranceSeconds = 600
)
$ErrorActionPreference = 'Stop'
Import-Module WorkOSDomains

if (-not $WebhookData) { throw 'This runbook is started by an Azure Automation webhook; it got no WebhookData.' }
# The portal's test pane passes the webhook data as JSON text; RequestBody stays the raw body.
if ($WebhookData -is [string]) { $WebhookData = $WebhookData | ConvertFrom-Json }

$signature = $WebhookData.RequestHeader.'WorkOS-Signature'
$workosEvent = ConvertFrom-WorkOSWebhook -Payload $WebhookData.RequestBody -SignatureHeader $signature `
    -Secret (Get-AutomationVariable -Name $SecretVariable) -Tolerance $ToleranceSeconds
$domain = $workosEvent.OrganizationDomain

switch ($workosEvent.Event) {
    'organization_domain.verified' {
        Write-Output "Verified: $($domain.Domain) for organization $($domain.OrganizationId) (event $($workosEvent.Id))."
    }
    'organization_domain.verification_failed' {
        Write-Output "Verification failed: $($domain.Domain) for organization $($domain.OrganizationId), reason $($workosEvent.Reason) (event $($workosEvent.Id))."
        if ($workosEvent.Reason -eq 'domain_verified_by_other_organization') {
            Write-Error "$($domain.Domain) was verified by another organization first; it cannot be verified for $($domain.OrganizationId)." -ErrorAction Continue
        }
        else {
            Connect-WorkOS -ApiKey (Get-AutomationVariable -Name $ApiKeyVariable)
            $current = Get-WorkOSDomain -Id $domain.Id
            Write-Output "Now: $($current.DnsRecordInstruction)"
            if ($current.DnsRecordValue) { $current | Test-WorkOSDnsChallenge | Out-String -Width 200 | Write-Output }
        }
    }
    default {
        Write-Output "Ignored $($workosEvent.Event) (event $($workosEvent.Id))."
    }
}
