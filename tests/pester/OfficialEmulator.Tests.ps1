# The same flow against a second, independent server: the official WorkOS emulator from the npm
# package `workos` 0.14.0. It differs from the spec: new domains get strategy 'manual' and prefix
# 'workos-verify', verify answers 200 and marks the domain verified at once, a duplicate domain is
# 409 with code 'conflict', and GET /events ignores the 'events' filter.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../dns/KnotLab.psm1') -Force
    Import-Module $ModulePath -Force
    $key = 'sk_test_fake_official'
    $official = Start-OfficialEmulator -ApiKey $key
    $knot = Start-KnotServer -Zone @{ 'contoso.test' = '' }
    $dns = @{ BootstrapServer = $knot.EndPoint; AuthoritativePort = $knot.Port }
    Connect-WorkOS -ApiKey $key -BaseUri $official.BaseUri
}

AfterAll {
    Disconnect-WorkOS
    if ($official) { $official | Stop-WorkOSEmulator }
    if ($knot) { $knot | Stop-KnotServer }
    Remove-Module WorkOSDomains -ErrorAction Ignore
}

Describe 'The official WorkOS emulator' {
    It 'runs the programmatic flow: claim, publish, check, refuse while wrong, verify' {
        $org = New-WorkOSOrganization -Name 'Contoso Official' -ExternalId 'crm-official-1'
        $org -is [WorkOSDomains.Organization] | Should -BeTrue
        $domain = $org | New-WorkOSOrganizationDomain -Domain official.contoso.test
        $domain.VerificationStrategy | Should -Be 'manual'
        $domain.VerificationPrefix | Should -Be 'workos-verify'
        $domain.DnsRecordName | Should -Be 'workos-verify.official.contoso.test'
        $domain.DnsRecordValue | Should -Not -BeNullOrEmpty

        Update-KnotZone -Server $knot -Origin 'contoso.test' -Records "workos-verify.official IN TXT `" $($domain.DnsRecordValue) `"" -Serial 2
        $domain | Invoke-WorkOSDomainVerification @dns -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.DnsNotReady,*'
        $failures[0].ToString() | Should -Match 'ValueWhitespace'
        (Get-WorkOSDomain -Id $domain.Id).State | Should -Be 'pending'

        Update-KnotZone -Server $knot -Origin 'contoso.test' -Records "workos-verify.official IN TXT `"$($domain.DnsRecordValue)`"" -Serial 3
        ($domain | Test-WorkOSDnsChallenge @dns).Status | Should -Be 'Pass'
        $verified = Get-WorkOSDomain -Domain official.contoso.test | Invoke-WorkOSDomainVerification @dns -Wait -Interval 0.2 -Timeout 10
        $verified.State | Should -Be 'verified'
        ($verified | Invoke-WorkOSDomainVerification @dns).State | Should -Be 'verified'
    }

    It 'reports its 409 conflict as WorkOS.DomainAlreadyExists' {
        $org = New-WorkOSOrganization -Name 'Duplicate Official'
        $org | New-WorkOSOrganizationDomain -Domain dup.contoso.test | Out-Null
        $org | New-WorkOSOrganizationDomain -Domain dup.contoso.test -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.DomainAlreadyExists,*'
        $failures[0].ToString() | Should -Match 'Get-WorkOSDomain -Domain'
    }

    It 'finds domains by organization and by name, and removes them' {
        $org = New-WorkOSOrganization -Name 'Listed Official' -Domain listed-a.contoso.test, listed-b.contoso.test
        ($org | Get-WorkOSDomain).Domain | Sort-Object | Should -Be @('listed-a.contoso.test', 'listed-b.contoso.test')
        (Get-WorkOSDomain -Domain listed-b.contoso.test).OrganizationId | Should -Be $org.Id
        (Get-WorkOSOrganization -ExternalId crm-official-1).Name | Should -Be 'Contoso Official'
        Get-WorkOSDomain -Domain listed-a.contoso.test | Remove-WorkOSOrganizationDomain -Confirm:$false
        ($org | Get-WorkOSDomain).Domain | Should -Be @('listed-b.contoso.test')
    }

    It 'hands out a portal link' {
        $org = New-WorkOSOrganization -Name 'Portal Official'
        $link = $org | New-WorkOSPortalLink -WarningAction SilentlyContinue
        $link.Link | Should -Match "^http://(localhost|127\.0\.0\.1)(:\d+)?/portal/domain_verification/$($org.Id)$"
        $link.ExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(4))
    }

    It 'writes only the requested event types, typed, although the server ignores the filter' {
        $events = @(Get-WorkOSEvent)
        $events.Count | Should -BeGreaterThan 0
        $events.Event | Sort-Object -Unique | ForEach-Object { $_ | Should -BeIn ([WorkOSDomains.DomainEventNames]::All) }
        $events | ForEach-Object { $_ -is [WorkOSDomains.OrganizationDomainEvent] | Should -BeTrue }
        (Get-WorkOSEvent -Event organization_domain.deleted).OrganizationDomain.Domain | Should -Be 'listed-a.contoso.test'
        @(Get-WorkOSEvent -Event organization.created).Count | Should -BeGreaterThan 0
    }
}
