@{
    RootModule             = 'WorkOSDomains.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '6f1d2c4e-9a7b-4e35-8c61-2b0d7e94a5f3'
    Author                 = 'WorkOSDomains contributors'
    CompanyName            = 'WorkOSDomains contributors'
    Copyright              = '(c) 2026 WorkOSDomains contributors. MIT License.'
    Description            = 'Claim and verify domains for WorkOS organizations, see exactly why a DNS TXT challenge fails, and hand the job to the customer''s IT contact through an Admin Portal link. Works in Windows PowerShell 5.1, PowerShell 7 and Azure Automation.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Core', 'Desktop')
    DotNetFrameworkVersion = '4.7.2'
    # The object model, loaded before the cmdlets so scripts can name its types ([WorkOSDomains.OrganizationDomain]).
    RequiredAssemblies     = @('WorkOSDomains.Model.dll')
    FormatsToProcess       = @('WorkOSDomains.format.ps1xml')
    CmdletsToExport        = @(
        'Connect-WorkOS'
        'Disconnect-WorkOS'
        'Get-WorkOSContext'
        'Get-WorkOSOrganization'
        'New-WorkOSOrganization'
        'New-WorkOSOrganizationDomain'
        'Get-WorkOSDomain'
        'Remove-WorkOSOrganizationDomain'
        'Invoke-WorkOSDomainVerification'
        'New-WorkOSPortalLink'
        'Get-WorkOSEvent'
        'Test-WorkOSDnsChallenge'
        'Get-WorkOSDnsRecord'
        'Test-WorkOSWebhookSignature'
        'ConvertFrom-WorkOSWebhook'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('WorkOS', 'DomainVerification', 'DNS', 'TXT', 'SSO', 'AzureAutomation',
                             'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/workosdomains/WorkOSDomains'
            LicenseUri   = 'https://github.com/workosdomains/WorkOSDomains/blob/main/LICENSE'
            ReleaseNotes = 'First release. Claim, check and verify domains: New-WorkOSOrganizationDomain (with the TXT record to publish), Get-WorkOSDomain, Test-WorkOSDnsChallenge (every authoritative server, a finding and a fix for each failure), Invoke-WorkOSDomainVerification (DNS pre-check, -Wait), Remove-WorkOSOrganizationDomain. Hand it off: New-WorkOSPortalLink, Get-WorkOSEvent, Test-WorkOSWebhookSignature, ConvertFrom-WorkOSWebhook. Organizations and connections: Get-/New-WorkOSOrganization, Connect-/Disconnect-WorkOS, Get-WorkOSContext. Exactly-once creates, retries with Retry-After, client-side rate limit, -ThrottleLimit for bulk work, a closed set of error ids, isolated dependency loading, Azure Automation runbooks in the project''s samples.'
        }
    }
}
