# Test-WorkOSDnsChallenge and Get-WorkOSDnsRecord against Knot on loopback.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../dns/KnotLab.psm1') -Force
    Import-Module $ModulePath -Force
    $records = @(
        '_workos-challenge.ok IN TXT "tokenOk1"'
        '_workos-challenge.quoted IN TXT "\"tokenQuoted1\""'
        '_workos-challenge.typo IN TXT "tokenTypo1"'
    ) -join "`n"
    $knot = Start-KnotServer -Zone @{ 'contoso.test' = $records }
    # Where the cmdlets find the zone, and the port of its name servers (a test hook).
    $dns = @{ BootstrapServer = $knot.EndPoint; AuthoritativePort = $knot.Port }
    function New-Domain([string] $Domain, [string] $Token, [string] $Prefix = '_workos-challenge') {
        [pscustomobject]@{ Domain = $Domain; VerificationToken = $Token; VerificationPrefix = $Prefix }
    }
}

AfterAll {
    if ($knot) { $knot | Stop-KnotServer }
    Remove-Module WorkOSDomains -ErrorAction Ignore
}

Describe 'Test-WorkOSDnsChallenge' {
    It 'passes a published record and shows a one-line verdict' {
        $result = Test-WorkOSDnsChallenge -Domain ok.contoso.test -Token tokenOk1 -Prefix _workos-challenge @dns
        $result.Status | Should -Be 'Pass'
        $result.Zone | Should -Be 'contoso.test'
        ($result | Out-String) | Should -Match 'ok\.contoso\.test  PASS  _workos-challenge\.ok\.contoso\.test'
    }

    It 'explains a failure with the finding and the fix beneath the verdict' {
        $result = Test-WorkOSDnsChallenge -Domain quoted.contoso.test -Token tokenQuoted1 @dns
        $result.Status | Should -Be 'Fail'
        $result.Findings.Code | Should -Contain 'ValueQuoted'
        $text = $result | Out-String
        $text | Should -Match 'quoted\.contoso\.test  FAIL'
        $text | Should -Match 'ValueQuoted: '
        $text | Should -Match 'Fix: Edit the record and enter the value without quotes:\s+tokenQuoted1'
    }

    It 'names the misspelled prefix' {
        $result = Test-WorkOSDnsChallenge -Domain typo.contoso.test -Token tokenTypo1 -Prefix '_workos_challenge' @dns
        ($result.Findings | Where-Object Code -eq 'PrefixTypo').Fix | Should -Match "from '_workos-challenge.typo' to '_workos_challenge.typo'"
    }

    It 'takes domain objects from the pipeline and returns results in input order' {
        $inputs = foreach ($i in 1..12) {
            New-Domain 'ok.contoso.test' 'tokenOk1'
            New-Domain "missing$i.contoso.test" 'tokenMissing1'
            New-Domain 'quoted.contoso.test' 'tokenQuoted1'
        }
        $results = @($inputs | Test-WorkOSDnsChallenge @dns -ThrottleLimit 8)
        $results.Count | Should -Be $inputs.Count
        $results.Domain | Should -Be $inputs.Domain
        ($results | Group-Object Status -NoElement | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ',' | Should -Be 'Fail=24,Pass=12'
    }

    It 'takes domain names as strings from the pipeline' {
        $results = @('ok.contoso.test', 'never.contoso.test' | Test-WorkOSDnsChallenge -Token tokenOk1 @dns)
        $results.Domain | Should -Be @('ok.contoso.test', 'never.contoso.test')
        $results.Status | Should -Be @('Pass', 'Fail')
    }

    It 'takes a CSV of domains, tokens and optional prefixes' {
        $csv = Join-Path $TestDrive 'domains.csv'
        @('Domain,Token,Prefix', 'ok.contoso.test,tokenOk1,', 'quoted.contoso.test,tokenQuoted1,_workos-challenge', 'typo.contoso.test,tokenTypo1,_workos_challenge') | Set-Content $csv
        $results = @(Import-Csv $csv | Test-WorkOSDnsChallenge @dns)
        $results.Domain | Should -Be @('ok.contoso.test', 'quoted.contoso.test', 'typo.contoso.test')
        $results.Status | Should -Be @('Pass', 'Fail', 'Fail')
        $results[2].Findings.Code | Should -Contain 'PrefixTypo'

        Set-Content $csv @('Domain,Token', 'ok.contoso.test,tokenOk1')
        (Import-Csv $csv | Test-WorkOSDnsChallenge @dns).Status | Should -Be 'Pass'
    }

    It 'wraps the default view at word boundaries to the width, with a hanging indent' {
        $result = Test-WorkOSDnsChallenge -Domain quoted.contoso.test -Token tokenQuoted1 @dns
        $lines = [WorkOSDomains.Dns.DnsChallengeView]::Render($result, 60) -split [Environment]::NewLine | Where-Object { $_ }
        $lines | ForEach-Object { $_.Length | Should -BeLessThan 60 }
        # No word is cut: joined again, the lines give back every finding's words.
        $words = -split ($lines -join ' ')
        foreach ($finding in $result.Findings) {
            foreach ($word in -split $finding.Message) { $words | Should -Contain $word }
            foreach ($word in -split $finding.Fix) { $words | Should -Contain $word }
        }
        # Each finding reads as a paragraph: its lines after the first are indented under its text.
        $fix = [array]::IndexOf($lines, ($lines | Where-Object { $_ -match '^\s+Fix: ' } | Select-Object -First 1))
        $lines[$fix + 1] | Should -Match '^ {15}\S'
        $lines | Where-Object { $_ -match '^  Fail +ValueQuoted: ' } | Should -Not -BeNullOrEmpty
    }

    It 'wraps at word boundaries where PowerShell itself would cut: the host width, 80 columns in a redirected process' {
        $result = Test-WorkOSDnsChallenge -Domain quoted.contoso.test -Token tokenQuoted1 @dns
        $finding = $result.Findings | Where-Object Code -eq 'ValueQuoted'
        # A child pwsh whose output goes to a file (here a pipe), as a runbook's or a logged script's does:
        # PowerShell wraps its formatted output at 80 columns there, cutting words; the view breaks between them.
        $script = "Import-Module '$ModulePath'; Test-WorkOSDnsChallenge -Domain quoted.contoso.test -Token tokenQuoted1 -BootstrapServer $($knot.EndPoint) -AuthoritativePort $($knot.Port)"
        $pwsh = Get-PwshCommand
        $lines = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script
        $LASTEXITCODE | Should -Be 0
        ($lines -join "`n") | Should -Match 'ValueQuoted'
        $lines | ForEach-Object { $_.Length | Should -BeLessThan 80 }
        $words = -split ($lines -join ' ')
        foreach ($word in (-split $finding.Message) + (-split $finding.Fix)) { $words | Should -Contain $word }
        # A host without a width (a custom or hosted runspace) keeps each finding and fix on one line.
        $whole = [WorkOSDomains.Dns.DnsChallengeView]::Render($result, 0)
        $whole | Should -Match ([regex]::Escape("ValueQuoted: $($finding.Message)"))
        $whole | Should -Match ([regex]::Escape("Fix: $($finding.Fix)"))
    }

    It 'returns only booleans with -Quiet' {
        $answers = @(New-Domain 'ok.contoso.test' 'tokenOk1'; New-Domain 'missing.contoso.test' 'x1') | Test-WorkOSDnsChallenge @dns -Quiet
        $answers | Should -Be @($true, $false)
        $answers[0] | Should -BeOfType [bool]
    }

    It 'reports a bad domain in the pipeline and goes on with the rest' {
        $results = @(New-Domain 'https://ok.contoso.test/' 'tokenOk1'; New-Domain 'ok.contoso.test' 'tokenOk1') |
            Test-WorkOSDnsChallenge @dns -ErrorVariable failures -ErrorAction SilentlyContinue
        @($results).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
        $failures[0].ToString() | Should -Match "^-Domain 'https://ok.contoso.test/' looks like a URL"
        $failures[0].TargetObject | Should -Be 'https://ok.contoso.test/'
    }

    It 'writes a bad item''s error in its turn, between the results before and after it' {
        $in = @(New-Domain 'ok.contoso.test' 'tokenOk1'; New-Domain 'bad domain' 'x1'; New-Domain 'quoted.contoso.test' 'tokenQuoted1')
        $stream = @($in | Test-WorkOSDnsChallenge @dns -ErrorAction Continue 2>&1)
        $stream.Count | Should -Be 3
        $stream[0].Domain | Should -Be 'ok.contoso.test'
        $stream[1] | Should -BeOfType ([System.Management.Automation.ErrorRecord])
        $stream[1].TargetObject | Should -Be 'bad domain'
        $stream[2].Domain | Should -Be 'quoted.contoso.test'
    }

    It 'refuses a bad -Server value before any query, naming it' {
        $e = { Test-WorkOSDnsChallenge -Domain ok.contoso.test -Token t -Server '192.0.2.1:dns' } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
        $e.ToString() | Should -Match "^-Server '192\.0\.2\.1:dns' is not a DNS server address"
    }

    It 'refuses server values that cannot be a DNS server, and over-long ones, naming the parameter' {
        $e = { Test-WorkOSDnsChallenge -Domain ok.contoso.test -Token t -Server 0.0.0.0 } | Should -Throw -PassThru
        $e.ToString() | Should -Match "^-Server '0\.0\.0\.0' is not a DNS server address: 0\.0\.0\.0 is the unspecified address"
        $e = { Test-WorkOSDnsChallenge -Domain ok.contoso.test -Token t -BootstrapServer (('a' * 60 + '.') * 5) } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
        $e.ToString() | Should -Match '^-BootstrapServer .* 305 characters long'
    }

    It 'asks only the given resolver with -Server' {
        $result = Test-WorkOSDnsChallenge -Domain ok.contoso.test -Token tokenOk1 -Server $knot.EndPoint
        $result.Status | Should -Be 'Pass'
        $result.Servers.Role | Should -Be @('Resolver')
    }

    It 'waits with progress until the record appears' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'; Test-WorkOSDnsChallenge -Domain late.contoso.test -Token tokenLate1 -Wait -Interval 0.3 -Timeout 30 -BootstrapServer $($knot.EndPoint) -AuthoritativePort $($knot.Port)")
            $async = $ps.BeginInvoke()
            Start-Sleep -Seconds 1.5
            $async.IsCompleted | Should -BeFalse
            Update-KnotZone -Server $knot -Origin 'contoso.test' -Records ($records + "`n_workos-challenge.late IN TXT `"tokenLate1`"") -Serial 2
            $result = $ps.EndInvoke($async)
            $result[0].Status | Should -Be 'Pass'
            $ps.Streams.Progress.Count | Should -BeGreaterThan 0
        }
        finally {
            $ps.Dispose()
            Update-KnotZone -Server $knot -Origin 'contoso.test' -Records $records -Serial 3
        }
    }

    It 'gives up at -Timeout with the last result' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $result = Test-WorkOSDnsChallenge -Domain never.contoso.test -Token tokenNever1 -Wait -Interval 0.2 -Timeout 1 @dns
        $result.Status | Should -Be 'Fail'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
    }

    It 'stops waiting at once on Ctrl+C' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'; Test-WorkOSDnsChallenge -Domain never.contoso.test -Token t1 -Wait -Interval 5 -Timeout 600 -BootstrapServer $($knot.EndPoint) -AuthoritativePort $($knot.Port)")
            $async = $ps.BeginInvoke()
            Start-Sleep -Seconds 1
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 1.5
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Test-WorkOSDnsChallenge with domains from the WorkOS API' {
    BeforeAll {
        $key = 'sk_test_fake_dns'
        $seed = Join-Path ([IO.Path]::GetTempPath()) "workos-dns-seed-$([guid]::NewGuid().ToString('N')).json"
        @{ organizations = @(@{ name = 'Contoso'; domain_data = @(@{ domain = 'api.contoso.test'; state = 'pending' }) }) } | ConvertTo-Json -Depth 5 | Set-Content $seed
        $emulator = Start-WorkOSEmulator -Path $EmulatorPath -ArgumentList '--seed', $seed, '--api-key', $key
    }
    AfterAll {
        if ($emulator) { $emulator | Stop-WorkOSEmulator }
        Remove-Item $seed -ErrorAction Ignore
    }

    It 'checks the record under the prefix and token WorkOS issued' {
        $domain = Get-WorkOSOrganization -ApiKey $key -BaseUri $emulator.BaseUri | ForEach-Object Domains
        $domain.VerificationPrefix | Should -Match '^workos-domain-verification-'
        ($domain | Test-WorkOSDnsChallenge @dns).Findings.Code | Should -Contain 'RecordMissing'

        $record = $domain | Get-WorkOSDnsRecord -Zone contoso.test
        Update-KnotZone -Server $knot -Origin 'contoso.test' -Records ($records + "`n$($record.HostName) IN TXT `"$($record.Value)`"") -Serial 10
        try {
            ($domain | Test-WorkOSDnsChallenge @dns).Status | Should -Be 'Pass'
        }
        finally { Update-KnotZone -Server $knot -Origin 'contoso.test' -Records $records -Serial 11 }
    }
}

Describe 'Get-WorkOSDnsRecord' {
    It 'looks up the zone of a subdomain given without -Zone, and says so when it cannot' {
        $domain = New-Domain 'login.ok.contoso.test' 'tok3n'
        $domain | Get-WorkOSDnsRecord -Format AzureDns -ResourceGroupName dns-rg -BootstrapServer $knot.EndPoint | Should -Match "-ZoneName 'contoso.test' -Name '_workos-challenge.login.ok'"
        ($domain | Get-WorkOSDnsRecord -BootstrapServer $knot.EndPoint).HostName | Should -Be '_workos-challenge.login.ok'
        $record = $domain | Get-WorkOSDnsRecord -BootstrapServer 127.0.0.1:9 -WarningVariable warnings -WarningAction SilentlyContinue
        $record.Zone | Should -Be 'login.ok.contoso.test'
        "$warnings" | Should -Match 'could not be looked up .*give it with -Zone'
    }

    It 'writes the record to publish, and says when its name is the default because no prefix was given' {
        $record = Get-WorkOSDnsRecord -Domain contoso.com -Token tok3n -WarningVariable warnings -WarningAction SilentlyContinue
        "$warnings" | Should -Match 'No verification prefix for contoso\.com: the record is named _workos-challenge\.contoso\.com, the documented default'
        @(Get-WorkOSDnsRecord -Domain contoso.com -Token tok3n -Prefix workos-verify -WarningVariable prefixed -WarningAction SilentlyContinue).Count | Should -Be 1
        $prefixed | Should -BeNullOrEmpty
        $record.HostName | Should -Be '_workos-challenge'
        $record.Name | Should -Be '_workos-challenge.contoso.com'
        $record.Type | Should -Be 'TXT'
        $record.Ttl | Should -Be 300
        $text = $record | Out-String
        $text | Should -Match 'HostName\s*:\s*_workos-challenge\s'
        $text | Should -Match 'Value\s*:\s*tok3n\s'
    }

    It 'takes domain names as strings from the pipeline' {
        ('contoso.com', 'fabrikam.com' | Get-WorkOSDnsRecord -Token tok3n).Name | Should -Be @('_workos-challenge.contoso.com', '_workos-challenge.fabrikam.com')
    }

    It 'writes the command for each DNS server' {
        $domain = New-Domain 'login.contoso.com' 'tok3n' 'workos-domain-verification-abc123'
        $domain | Get-WorkOSDnsRecord -Zone contoso.com -Format WindowsDns | Should -Match "^Add-DnsServerResourceRecord -ZoneName 'contoso.com' -Name 'workos-domain-verification-abc123.login' -Txt -DescriptiveText 'tok3n'"
        $domain | Get-WorkOSDnsRecord -Zone contoso.com -Format AzureDns -ResourceGroupName dns-rg | Should -Match "^New-AzDnsRecordSet -ResourceGroupName 'dns-rg' -ZoneName 'contoso.com'"
        $domain | Get-WorkOSDnsRecord -Format Bind | Should -Be 'workos-domain-verification-abc123.login.contoso.com. 300 IN TXT "tok3n"'
    }

    It 'refuses a zone that does not hold the domain' {
        Get-WorkOSDnsRecord -Domain contoso.com -Token t1 -Zone fabrikam.com -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
        $failures[0].ToString() | Should -Match "^-Zone 'fabrikam.com' does not contain"
    }
}
