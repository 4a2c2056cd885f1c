# The Azure Automation runbooks in samples/runbooks, run non-interactively against the emulator and
# Knot, with stand-ins for Get-AutomationVariable, Connect-AzAccount and Get-AzKeyVaultSecret. The
# audit's HTML report is rendered in headless Chromium.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../dns/KnotLab.psm1') -Force
    $key = 'sk_test_fake_runbook'
    $secret = 'whsec_test_runbook_secret'
    $runbooks = Join-Path $PSScriptRoot '../../samples/runbooks'
    $knot = Start-KnotServer -Zone @{ 'contoso.test' = '' }
    $emulator = Start-WorkOSEmulator -Path $EmulatorPath -ArgumentList '--api-key', $key, '--dns-server', $knot.EndPoint
    Invoke-EmulatorControl $emulator POST seed @{ organizations = @(
            @{ id = 'org_01CONTOSO'; name = 'Contoso'; domain_data = @(
                    @{ domain = 'ok.contoso.test'; verification_token = 'tokenOk1' }
                    @{ domain = 'quoted.contoso.test'; verification_token = 'tokenQuoted1' }
                    @{ domain = 'verified.contoso.test'; state = 'verified' }) }
            @{ id = 'org_01FABRIKAM'; name = 'Fabrikam <& Co>'; domain_data = @(@{ domain = 'missing.contoso.test'; verification_token = 'tokenMissing1' }) }
        ) } | Out-Null
    $seeded = (Invoke-EmulatorControl $emulator GET state).organizations.domains
    $script:records = [Collections.Generic.List[string]]::new()
    function Publish-Record([string] $Domain, [string] $Value) {
        $d = (Invoke-EmulatorControl $emulator GET state).organizations.domains | Where-Object domain -eq $Domain
        $script:records.Add("$($d.verification_prefix).$($Domain -replace '\.contoso\.test$', '') IN TXT $Value")
        Update-KnotZone -Server $knot -Origin 'contoso.test' -Records ($script:records -join "`n") -Serial (10 + $script:records.Count)
    }
    Publish-Record 'ok.contoso.test' '"tokenOk1"'
    Publish-Record 'quoted.contoso.test' '"\"tokenQuoted1\""'

    function Invoke-Runbook([string] $Name, [hashtable] $Parameters = @{}, [hashtable] $Variables = @{ WorkOSApiKey = $key; WorkOSWebhookSecret = $secret }) {
        $run = Invoke-FreshPwsh -Path (Join-Path $PSScriptRoot 'scenarios/Runbook.ps1') -Parameters @{
            Runbook = (Join-Path $runbooks $Name); ModuleFolder = (Split-Path (Split-Path (Split-Path $ModulePath)))
            BaseUri = $emulator.BaseUri; Bootstrap = $knot.EndPoint; Port = $knot.Port
            Variables = ($Variables | ConvertTo-Json -Compress); RunbookParameters = ($Parameters | ConvertTo-Json -Compress -Depth 5)
        }
        if (-not $run.Result) { throw "The runbook did not finish:`n$($run.Output)" }
        $run.Result
    }

    function New-WebhookData([hashtable] $Event, [string] $SigningSecret = $secret, [switch] $Tamper) {
        $body = $Event | ConvertTo-Json -Compress -Depth 5
        $t = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $hmac = [Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($SigningSecret))
        $signature = -join ($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes("$t.$body")) | ForEach-Object { $_.ToString('x2') })
        if ($Tamper) { $body = $body -replace 'verified', 'verifled' }
        @{ WebhookName = 'workos'; RequestHeader = @{ 'WorkOS-Signature' = "t=$t, v1=$signature"; 'Content-Type' = 'application/json' }; RequestBody = $body }
    }
}

AfterAll {
    if ($emulator) { $emulator | Stop-WorkOSEmulator }
    if ($knot) { $knot | Stop-KnotServer }
}

Describe 'The fleet audit runbook' {
    BeforeAll {
        $folder = New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) "workos-audit-$([guid]::NewGuid().ToString('N'))")
        $result = Invoke-Runbook 'Invoke-WorkOSDomainAudit.ps1' @{ ReportFolder = $folder.FullName }
        $csv = ($result.Output | Where-Object { $_ -like 'CSV report: *' }) -replace '^CSV report: '
        $html = ($result.Output | Where-Object { $_ -like 'HTML report: *' }) -replace '^HTML report: '
    }
    AfterAll { Remove-Item $folder -Recurse -Force -ErrorAction Ignore }

    It 'reports every domain with its DNS status, findings and fixes' {
        $result.Failed | Should -BeFalse -Because $result.Error
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be 4
        ($rows | Where-Object Domain -eq 'ok.contoso.test').DnsStatus | Should -Be 'Pass'
        ($rows | Where-Object Domain -eq 'verified.contoso.test').DnsStatus | Should -Be 'Verified'
        $quoted = $rows | Where-Object Domain -eq 'quoted.contoso.test'
        $quoted.DnsStatus | Should -Be 'Fail'
        $quoted.Findings | Should -Match 'ValueQuoted'
        $quoted.Fixes | Should -Match 'without quotes: tokenQuoted1'
        $missing = $rows | Where-Object Domain -eq 'missing.contoso.test'
        $missing.Findings | Should -Match 'RecordMissing'
        $missing.Organization | Should -Be 'Fabrikam <& Co>'
    }

    It 'writes a self-contained HTML report that a browser shows with every domain and the counts by state' {
        $chromium = Get-Command chromium -ErrorAction Ignore
        $chromium | Should -Not -BeNullOrEmpty -Because 'headless Chromium renders the report (apt-get install chromium; .ci/run does this)'
        $profile = Join-Path ([IO.Path]::GetTempPath()) "workos-chromium-$([guid]::NewGuid().ToString('N'))"
        $flags = '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', "--user-data-dir=$profile"
        try {
            $dom = (& $chromium.Source @flags --dump-dom "file://$html" 2>$null) -join "`n"
            $screenshot = Join-Path (Split-Path $ModulePath) '../../audit-report.png'
            & $chromium.Source @flags --window-size=1280,600 "--screenshot=$screenshot" "file://$html" 2>$null | Out-Null
        }
        finally { Remove-Item $profile -Recurse -Force -ErrorAction Ignore }
        # Each row is coloured by its DNS status: red for a failing record, green for one in place.
        foreach ($row in @{ 'ok.contoso.test' = 'd9f2d9'; 'quoted.contoso.test' = 'f9d6d5'; 'verified.contoso.test' = 'd9f2d9'; 'missing.contoso.test' = 'f9d6d5' }.GetEnumerator()) {
            $dom | Should -Match "<tr style=`"background:#$($row.Value)`"><td>[^<]*</td><td class=`"domain`">$([regex]::Escape($row.Key))</td>"
        }
        $dom | Should -Match '<b>3</b> pending'
        $dom | Should -Match '<b>1</b> verified'
        $dom | Should -Match 'Fabrikam &lt;&amp; Co&gt;' # text from WorkOS is encoded, never markup
        $screenshot | Should -Exist
    }

    It 'reads the key from Key Vault through the managed identity' {
        $result = Invoke-Runbook 'Invoke-WorkOSDomainAudit.ps1' @{ KeyVaultName = 'contoso-kv'; SecretName = 'workos'; ReportFolder = $folder.FullName } @{ 'contoso-kv/workos' = $key }
        $result.Failed | Should -BeFalse -Because $result.Error
        $result.Output | Where-Object { $_ -like 'HTML report: *' } | Should -Not -BeNullOrEmpty
    }
}

Describe 'The verification runbook' {
    It 'claims the domain, prints the record, fails with the diagnosis while DNS is wrong, then verifies once it is right' {
        $parameters = @{ OrganizationId = 'org_01CONTOSO'; Domain = 'flow.contoso.test'; DnsTimeoutMinutes = 0.03; VerifyTimeoutMinutes = 0.5 }
        $first = Invoke-Runbook 'Start-WorkOSDomainVerification.ps1' $parameters
        $first.Output[0] | Should -Match '^flow\.contoso\.test: pending\. At the DNS provider of flow\.contoso\.test, publish a TXT record '
        $first.Failed | Should -BeTrue
        $first.Error | Should -Match 'was still not served by every authoritative name server'
        $first.Error | Should -Match 'RecordMissing: .* Fix: '

        $claim = (Invoke-EmulatorControl $emulator GET state).organizations.domains | Where-Object domain -eq 'flow.contoso.test'
        Publish-Record 'flow.contoso.test' "`"$($claim.verification_token)`""
        $second = Invoke-Runbook 'Start-WorkOSDomainVerification.ps1' $parameters
        $second.Failed | Should -BeFalse -Because $second.Error
        $second.Output | Should -Contain 'flow.contoso.test (verified)'
        @((Invoke-EmulatorControl $emulator GET state).organizations.domains | Where-Object domain -eq 'flow.contoso.test').Count | Should -Be 1
    }
}

Describe 'The webhook runbook' {
    BeforeAll {
        $quoted = (Invoke-EmulatorControl $emulator GET state).organizations.domains | Where-Object domain -eq 'quoted.contoso.test'
        function New-DomainEvent([string] $Name, [hashtable] $Data) {
            @{ object = 'event'; id = 'event_01RUNBOOK'; event = $Name; data = $Data; created_at = [DateTimeOffset]::UtcNow.ToString('o') }
        }
        $domainData = @{ object = 'organization_domain'; id = $quoted.id; organization_id = 'org_01CONTOSO'; domain = 'quoted.contoso.test'; state = 'verified' }
    }

    It 'acts on a verified domain' {
        $result = Invoke-Runbook 'Receive-WorkOSWebhook.ps1' @{ WebhookData = (New-WebhookData (New-DomainEvent 'organization_domain.verified' $domainData)) }
        $result.Failed | Should -BeFalse -Because $result.Error
        $result.Output | Should -Contain 'Verified: quoted.contoso.test for organization org_01CONTOSO (event event_01RUNBOOK).'
    }

    It 'explains a failed verification with the DNS diagnosis' {
        $failed = New-DomainEvent 'organization_domain.verification_failed' @{ reason = 'domain_verification_period_expired'; organization_domain = $domainData }
        $result = Invoke-Runbook 'Receive-WorkOSWebhook.ps1' @{ WebhookData = (New-WebhookData $failed) }
        $result.Failed | Should -BeFalse -Because $result.Error
        ($result.Output -join "`n") | Should -Match 'reason domain_verification_period_expired'
        ($result.Output -join "`n") | Should -Match 'ValueQuoted'
    }

    It 'takes the webhook data as JSON text, as the portal test pane sends it' {
        $json = (New-WebhookData (New-DomainEvent 'organization_domain.verified' $domainData)) | ConvertTo-Json -Compress
        $result = Invoke-Runbook 'Receive-WorkOSWebhook.ps1' @{ WebhookData = $json }
        $result.Failed | Should -BeFalse -Because $result.Error
        $result.Output | Should -Contain 'Verified: quoted.contoso.test for organization org_01CONTOSO (event event_01RUNBOOK).'
    }

    It 'fails the job on a tampered body or a wrong secret, acting on nothing' -ForEach @(
        @{ Case = 'tampered'; Data = { New-WebhookData (New-DomainEvent 'organization_domain.verified' $domainData) -Tamper } }
        @{ Case = 'wrong secret'; Data = { New-WebhookData (New-DomainEvent 'organization_domain.verified' $domainData) -SigningSecret 'whsec_test_other' } }
    ) {
        $result = Invoke-Runbook 'Receive-WorkOSWebhook.ps1' @{ WebhookData = (& $Data) }
        $result.Failed | Should -BeTrue
        $result.Error | Should -Match 'signature'
        $result.Output | Where-Object { $_ -like 'Verified:*' } | Should -BeNullOrEmpty
    }
}
