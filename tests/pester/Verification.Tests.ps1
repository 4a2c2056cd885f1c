# The verification cmdlets end to end, against the project's emulator and a real Knot server:
# claim, publish, check, verify, hand off, audit; exactly-once creates; bad input; error ids.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../dns/KnotLab.psm1') -Force
    Import-Module $ModulePath -Force
    $key = 'sk_test_fake_verification'
    $zone = 'contoso.test'
    $knot = Start-KnotServer -Zone @{ $zone = '' }
    $emulator = Start-WorkOSEmulator -Path $EmulatorPath -ArgumentList '--api-key', $key, '--dns-server', $knot.EndPoint
    # Where the DNS check finds the zone, and the port of its name servers (a test hook).
    $dns = @{ BootstrapServer = $knot.EndPoint; AuthoritativePort = $knot.Port }
    $script:serial = 1
    $script:published = [ordered]@{}

    function Publish-TxtRecord([string] $Name, [string] $Value) {
        # Serves "<Name> TXT <Value>" (Value as written in a zone file) in contoso.test, beside the earlier ones.
        $script:published[$Name] = "$($Name.Substring(0, $Name.Length - $zone.Length - 1)) IN TXT $Value"
        $script:serial++
        Update-KnotZone -Server $knot -Origin $zone -Records ($script:published.Values -join "`n") -Serial $script:serial
    }

    function New-TestOrganization([string] $Name = 'Contoso') {
        New-WorkOSOrganization -Name $Name -Connection $connection
    }
}

AfterAll {
    Disconnect-WorkOS
    if ($emulator) { $emulator | Stop-WorkOSEmulator }
    if ($knot) { $knot | Stop-KnotServer }
    Remove-Module WorkOSDomains -ErrorAction Ignore
}

Describe 'The verification cmdlets' {
    BeforeEach {
        Invoke-EmulatorControl $emulator POST reset
        Invoke-EmulatorControl $emulator POST settings @{ honour_idempotency_key = $true; omit_verification_record = $false; verify_delay_ms = 0; fail_after_attempts = 3 }
        $connection = Connect-WorkOS -ApiKey $key -BaseUri $emulator.BaseUri -PassThru -SkipValidation
    }

    Describe 'The programmatic flow' {
        It 'runs the README''s first pipeline: claim, wait for DNS, verify' {
            $org = New-TestOrganization
            $name = "headline.$zone"
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$ModulePath'; Connect-WorkOS -ApiKey '$key' -BaseUri '$($emulator.BaseUri)' -SkipValidation; `$dns = @{ BootstrapServer = '$($knot.EndPoint)'; AuthoritativePort = $($knot.Port) }
                    New-WorkOSOrganizationDomain -OrganizationId $($org.Id) -Domain $name |
                        Test-WorkOSDnsChallenge -Wait -Interval 0.3 -Timeout 60 @dns |
                        Invoke-WorkOSDomainVerification -Wait -Interval 0.3 -Timeout 60 @dns")
                $running = $ps.BeginInvoke()
                # The admin publishes the record once the claim shows it.
                $deadline = (Get-Date).AddSeconds(30)
                do { Start-Sleep -Milliseconds 200; $claimed = (Get-WorkOSOrganization -Id $org.Id).Domains | Select-Object -First 1 } until ($claimed -or (Get-Date) -gt $deadline)
                Publish-TxtRecord $claimed.DnsRecordName "`"$($claimed.DnsRecordValue)`""
                $result = @($ps.EndInvoke($running))
                $ps.Streams.Error | Should -BeNullOrEmpty
                $result.Count | Should -Be 1
                $result[0] | Should -BeOfType ([WorkOSDomains.OrganizationDomain])
                $result[0].State | Should -Be 'verified'
            }
            finally { $ps.Dispose() }
        }

        It 'takes an empty organization to verified through a real TXT record' {
            $org = New-TestOrganization
            $org.Domains | Should -BeNullOrEmpty
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "flow.$zone"
            $domain.State | Should -Be 'pending'
            $domain.DnsRecordType | Should -Be 'TXT'
            $domain.DnsRecordName | Should -Be "$($domain.VerificationPrefix).flow.$zone"
            $domain.DnsRecordValue | Should -Be $domain.VerificationToken
            $domain.DnsRecordTtl | Should -Be 300
            $domain.DnsRecordInstruction | Should -Match ([regex]::Escape("publish a TXT record $($domain.DnsRecordName) with the value $($domain.VerificationToken)"))

            ($domain | Test-WorkOSDnsChallenge @dns).Status | Should -Be 'Fail'
            Publish-TxtRecord $domain.DnsRecordName "`"$($domain.DnsRecordValue)`""
            ($domain | Test-WorkOSDnsChallenge @dns).Status | Should -Be 'Pass'

            $verified = $domain | Invoke-WorkOSDomainVerification @dns -Wait -Interval 0.2 -Timeout 30
            $verified.State | Should -Be 'verified'
            (Get-WorkOSDomain -Id $domain.Id).State | Should -Be 'verified'
            (Get-WorkOSEvent -Event organization_domain.verified).OrganizationDomain.Id | Should -Be $domain.Id
        }

        It 'refuses to start verification while the record is quoted, then verifies once it is fixed' {
            $org = New-TestOrganization
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "quoted.$zone"
            Publish-TxtRecord $domain.DnsRecordName "`"\`"$($domain.DnsRecordValue)\`"`""
            Invoke-EmulatorControl $emulator DELETE requests

            $output = $domain | Invoke-WorkOSDomainVerification @dns -ErrorVariable failures -ErrorAction SilentlyContinue
            $output | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.DnsNotReady,*'
            $failures[0].TargetObject | Should -Be $domain.Id
            $failures[0].ToString() | Should -Match 'ValueQuoted: '
            $failures[0].ToString() | Should -Match ([regex]::Escape("Fix: Edit the record and enter the value without quotes: $($domain.DnsRecordValue)"))
            $failures[0].Exception.DnsCheck.Status | Should -Be 'Fail'
            (Get-EmulatorRequest $emulator).Path | Should -Not -Contain "/organization_domains/$($domain.Id)/verify"

            Publish-TxtRecord $domain.DnsRecordName "`"$($domain.DnsRecordValue)`""
            ($domain | Invoke-WorkOSDomainVerification @dns -Wait -Interval 0.2 -Timeout 30).State | Should -Be 'verified'
        }

        It 'starts anyway with -Force, and without checking with -SkipDnsCheck' {
            $org = New-TestOrganization
            $forced, $skipped = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "forced.$zone", "skipped.$zone"
            Invoke-EmulatorControl $emulator DELETE requests
            ($forced | Invoke-WorkOSDomainVerification @dns -Force).State | Should -Be 'pending'
            ($skipped | Invoke-WorkOSDomainVerification -SkipDnsCheck -BootstrapServer 192.0.2.1).State | Should -Be 'pending'
            @(Get-EmulatorRequest $emulator | Where-Object Path -like '*/verify').Count | Should -Be 2
        }

        It 'waits with progress until WorkOS verifies, and counts an already verified domain as success' {
            Invoke-EmulatorControl $emulator POST settings @{ verify_delay_ms = 1500 }
            $org = New-TestOrganization
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "slow.$zone"
            Publish-TxtRecord $domain.DnsRecordName "`"$($domain.DnsRecordValue)`""
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$ModulePath'; Invoke-WorkOSDomainVerification -Id $($domain.Id) -ApiKey '$key' -BaseUri '$($emulator.BaseUri)' -Wait -Interval 0.3 -Timeout 30 -BootstrapServer $($knot.EndPoint) -AuthoritativePort $($knot.Port)")
                $result = $ps.Invoke()
                $result[0].State | Should -Be 'verified'
                $ps.Streams.Progress.Count | Should -BeGreaterThan 0
                $ps.Streams.Progress.StatusDescription | Where-Object { $_ -match "slow\.$zone pending" } | Should -Not -BeNullOrEmpty
                # Every bar shown is closed when its command ends, or it stays on screen until the script ends.
                foreach ($bar in $ps.Streams.Progress | Group-Object Activity) {
                    $bar.Group[-1].RecordType | Should -Be 'Completed' -Because "the '$($bar.Name)' bar must be closed"
                }
            }
            finally { $ps.Dispose() }
            $again = Invoke-WorkOSDomainVerification -Id $domain.Id @dns -Verbose 4>&1
            ($again | Where-Object { $_ -is [WorkOSDomains.OrganizationDomain] }).State | Should -Be 'verified'
            ($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "slow.$zone is already verified."
        }

        It 'reports a failed verification with the DNS diagnosis' {
            Invoke-EmulatorControl $emulator POST settings @{ fail_after_attempts = 1 }
            $org = New-TestOrganization
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "failing.$zone"
            $domain | Invoke-WorkOSDomainVerification @dns -Force -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.VerificationFailed,*'
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidResult'
            $failures[0].ToString() | Should -Match "WorkOS marked failing\.$zone as failed"
            $failures[0].ToString() | Should -Match 'RecordMissing: '
            $failures[0].Exception.Domain.State | Should -Be 'failed'
        }

        It 'gives up at -Timeout with the diagnosis' {
            Invoke-EmulatorControl $emulator POST settings @{ verify_delay_ms = 60000 }
            $org = New-TestOrganization
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "never.$zone"
            Publish-TxtRecord $domain.DnsRecordName "`"$($domain.DnsRecordValue)`""
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $domain | Invoke-WorkOSDomainVerification @dns -Wait -Interval 0.2 -Timeout 1 -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.VerificationTimedOut,*'
            $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $failures[0].ToString() | Should -Match "never\.$zone was still pending after 1 s"
        }

        It 'warns and shows the new record when WorkOS issues a new token' {
            # A domain that failed once starts over with a new token; the old record still passes the pre-check.
            Invoke-EmulatorControl $emulator POST settings @{ fail_after_attempts = 1 }
            $org = New-TestOrganization
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "rotated.$zone"
            $domain | Invoke-WorkOSDomainVerification -SkipDnsCheck -ErrorAction SilentlyContinue
            Publish-TxtRecord $domain.DnsRecordName "`"$($domain.DnsRecordValue)`""
            Invoke-EmulatorControl $emulator POST settings @{ fail_after_attempts = 3 }

            $output = $domain | Invoke-WorkOSDomainVerification @dns 3>&1
            $warning = $output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }
            $now = $output | Where-Object { $_ -is [WorkOSDomains.OrganizationDomain] }
            $now.VerificationToken | Should -Not -Be $domain.VerificationToken
            $warning.Message | Should -Match "WorkOS issued a new verification record for rotated\.$zone"
            $warning.Message | Should -Match ([regex]::Escape($now.VerificationToken))
            $warning.Message | Should -Match 'no longer verifies'
        }

        It 'with -Wait, stops at once when WorkOS issues a new token, and shows the record to publish' {
            Invoke-EmulatorControl $emulator POST settings @{ fail_after_attempts = 1 }
            $org = New-TestOrganization
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "rewait.$zone"
            $domain | Invoke-WorkOSDomainVerification -SkipDnsCheck -ErrorAction SilentlyContinue
            Publish-TxtRecord $domain.DnsRecordName "`"$($domain.DnsRecordValue)`""
            Invoke-EmulatorControl $emulator POST settings @{ fail_after_attempts = 3; verify_delay_ms = 60000 }

            $clock = [Diagnostics.Stopwatch]::StartNew()
            $domain | Invoke-WorkOSDomainVerification @dns -Wait -Interval 0.2 -Timeout 120 -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 60 -Because 'there is nothing to wait for'
            $now = Get-WorkOSDomain -Id $domain.Id
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.VerificationFailed,*'
            $failures[0].ToString() | Should -Match 'issued a new verification record for rewait\.contoso\.test when verification started'
            $failures[0].ToString() | Should -Match ([regex]::Escape($now.VerificationToken))
            $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Publish the new record'
        }

        It 'says DNS was skipped, not that a token is missing, when -SkipDnsCheck meets a failure' {
            Invoke-EmulatorControl $emulator POST settings @{ fail_after_attempts = 1 }
            $org = New-TestOrganization
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "skipped-failing.$zone"
            $domain | Invoke-WorkOSDomainVerification -SkipDnsCheck -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.VerificationFailed,*'
            $failures[0].ToString() | Should -Match 'DNS was not checked \(-SkipDnsCheck\)'
            $failures[0].ToString() | Should -Not -Match 'no verification token'
        }

        It 'reports a resolver that does not answer as a failed check, not as a record problem' {
            $org = New-TestOrganization
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "nodns.$zone"
            Invoke-EmulatorControl $emulator DELETE requests
            $silent = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0)) # takes queries, never answers
            try {
                $server = "127.0.0.1:$($silent.Client.LocalEndPoint.Port)"
                $domain | Invoke-WorkOSDomainVerification -BootstrapServer $server -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
                $domain | Test-WorkOSDnsChallenge -BootstrapServer $server -ErrorVariable checkFailures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            }
            finally { $silent.Dispose() }
            foreach ($e in $failures[0], $checkFailures[0]) {
                $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.DnsCheckFailed,*'
                $e.CategoryInfo.Category | Should -Be 'ConnectionError'
                $e.ToString() | Should -Match 'no resolver answered'
                $e.ErrorDetails.RecommendedAction | Should -Match 'says nothing about the record'
            }
            @(Get-EmulatorRequest $emulator | Where-Object Path -like '*/verify').Count | Should -Be 0
        }

        It 'stops waiting within a second on Ctrl+C' {
            Invoke-EmulatorControl $emulator POST settings @{ verify_delay_ms = 60000 }
            $org = New-TestOrganization
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "stopped.$zone"
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$ModulePath'; Invoke-WorkOSDomainVerification -Id $($domain.Id) -ApiKey '$key' -BaseUri '$($emulator.BaseUri)' -SkipDnsCheck -Wait -Interval 5 -Timeout 600")
                $async = $ps.BeginInvoke()
                Start-Sleep -Seconds 1.5
                $async.IsCompleted | Should -BeFalse
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $clock.Elapsed.TotalSeconds | Should -BeLessThan 1
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            }
            finally { $ps.Dispose() }
        }
    }

    Describe 'A domain that WorkOS returns without its token and prefix' {
        BeforeEach { Invoke-EmulatorControl $emulator POST settings @{ omit_verification_record = $true } }

        It 'is shown with what is missing and where to get it, never a placeholder' {
            $org = New-TestOrganization
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "bare.$zone" -WarningVariable warnings -WarningAction SilentlyContinue
            $domain.DnsRecordValue | Should -BeNullOrEmpty
            $domain.DnsRecordInstruction | Should -Match 'WorkOS returned no verification token for bare\.contoso\.test'
            $domain.DnsRecordInstruction | Should -Match "New-WorkOSPortalLink -OrganizationId $($org.Id) -Intent domain_verification"
            $warnings[0].Message | Should -Be $domain.DnsRecordInstruction
            ($domain | Out-String) | Should -Match 'no token from WorkOS'

            $domain | Get-WorkOSDnsRecord -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
            $failures[0].ToString() | Should -Match "^-Token is empty for bare\.contoso\.test\. WorkOS returned no verification token"
        }

        It 'is still checked with -Token and verified, with a warning that DNS could not be checked' {
            $org = New-TestOrganization
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "bare.$zone" -WarningAction SilentlyContinue
            Publish-TxtRecord "_workos-challenge.bare.$zone" '"tokenFromTheDashboard1"'
            $check = Test-WorkOSDnsChallenge -Domain $domain.Domain -Token tokenFromTheDashboard1 @dns
            $check.Status | Should -Be 'Pass'
            $check.RecordName | Should -Be "_workos-challenge.bare.$zone"

            $output = $domain | Invoke-WorkOSDomainVerification @dns 3>&1
            ($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message | Should -Match 'the DNS check was skipped because WorkOS returned no verification token'
            ($output | Where-Object { $_ -is [WorkOSDomains.OrganizationDomain] }).Id | Should -Be $domain.Id
        }
    }

    Describe 'Exactly once when the answer to a create is lost' -ForEach @(
        @{ Mode = 'honoured'; Honour = $true }
        @{ Mode = 'ignored'; Honour = $false }
    ) {
        BeforeEach { Invoke-EmulatorControl $emulator POST settings @{ honour_idempotency_key = $Honour } }

        It 'claims a domain once when the Idempotency-Key is <Mode>' {
            $org = New-TestOrganization
            Invoke-EmulatorControl $emulator POST faults @{ kind = 'reset_after_commit'; method = 'POST'; path = '/organization_domains'; count = 1 }
            $output = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "once.$zone" -Verbose 4>&1
            $domain = $output | Where-Object { $_ -is [WorkOSDomains.OrganizationDomain] }
            $domain.Domain | Should -Be "once.$zone"
            @((Get-WorkOSOrganization -Id $org.Id).Domains).Count | Should -Be 1
            @(Get-EmulatorRequest $emulator | Where-Object { $_.Method -eq 'POST' -and $_.Path -eq '/organization_domains' }).Count | Should -Be 2
            if (-not $Honour) {
                ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "WorkOS POST /organization_domains: an earlier attempt claimed once.$zone before its answer was lost; returning $($domain.Id)"
            }
        }

        It 'creates an organization with an external id once when the Idempotency-Key is <Mode>' {
            Invoke-EmulatorControl $emulator DELETE requests
            Invoke-EmulatorControl $emulator POST faults @{ kind = 'reset_after_commit'; method = 'POST'; path = '/organizations'; count = 1 }
            $org = New-WorkOSOrganization -Name 'Once Ltd' -ExternalId 'crm-once-1'
            $org.ExternalId | Should -Be 'crm-once-1'
            @(Get-WorkOSOrganization -Search 'Once Ltd').Count | Should -Be 1
            @(Get-EmulatorRequest $emulator | Where-Object { $_.Method -eq 'POST' -and $_.Path -eq '/organizations' }).Count | Should -Be 2 -Because 'the fault dropped the first answer'
        }

        It 'warns, naming the other one, when an organization without an external id was made twice, and only then; the Idempotency-Key is <Mode>' {
            Invoke-EmulatorControl $emulator POST faults @{ kind = 'reset_after_commit'; method = 'POST'; path = '/organizations'; count = 1 }
            $org = New-WorkOSOrganization -Name 'Twice Ltd' -WarningVariable warnings -WarningAction SilentlyContinue
            $org.Name | Should -Be 'Twice Ltd'
            $all = @(Get-WorkOSOrganization -Search 'Twice Ltd')
            if ($Honour) {
                $all.Count | Should -Be 1
                $warnings | Should -BeNullOrEmpty
            }
            else {
                $all.Count | Should -Be 2
                $other = $all | Where-Object Id -ne $org.Id
                "$warnings" | Should -Match "besides $($org.Id), it now holds $($other.Id) of the same name"
            }
        }
    }

    Describe 'New-WorkOSOrganization' {
        It 'creates an organization with domains, their state, an external id and metadata' {
            $org = New-WorkOSOrganization -Name 'Fabrikam' -Domain "a.$zone", "b.$zone" -DomainState verified -ExternalId 'crm-7' -Metadata @{ tier = 'gold' }
            $org -is [WorkOSDomains.Organization] | Should -BeTrue
            $org.Domains.Domain | Should -Be @("a.$zone", "b.$zone")
            $org.Domains.State | Should -Be @('verified', 'verified')
            $org.Metadata['tier'] | Should -Be 'gold'
            (Get-WorkOSOrganization -ExternalId 'crm-7').Id | Should -Be $org.Id
        }

        It 'shows the normalized domain with -WhatIf, and refuses metadata with parts before asking' {
            Invoke-EmulatorControl $emulator DELETE requests
            # What if: goes to the host, so a child pwsh shows it on its output.
            $pwsh = Get-PwshCommand
            $what = (& $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; New-WorkOSOrganization -Name Norm -Domain Login.Contoso.TEST. -ApiKey $key -BaseUri $($emulator.BaseUri) -WhatIf") -join "`n"
            $what | Should -Match 'Norm with login\.contoso\.test'
            New-WorkOSOrganization -Name 'Nested' -Metadata @{ nested = @{ x = 1 } } -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
            $failures[0].ToString() | Should -Match "^-Metadata 'nested' has a value with parts"
            @(Get-EmulatorRequest $emulator).Count | Should -Be 0
        }

        It 'reports an external id already in use as a conflict' {
            New-WorkOSOrganization -Name 'First' -ExternalId 'crm-dup' | Out-Null
            $e = { New-WorkOSOrganization -Name 'Second' -ExternalId 'crm-dup' -ErrorAction Stop } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.Conflict,*'
            $e.ToString() | Should -Match 'Get-WorkOSOrganization -ExternalId'
        }
    }

    Describe 'Get-WorkOSOrganization and Get-WorkOSDomain' {
        BeforeEach {
            $contoso = New-WorkOSOrganization -Name 'Contoso' -Domain "one.$zone", "two.$zone"
            $fabrikam = New-WorkOSOrganization -Name 'Fabrikam' -Domain 'fabrikam.test' -DomainState verified
        }

        It 're-reads organizations piped into Get-WorkOSOrganization' {
            $again = Get-WorkOSOrganization | Get-WorkOSOrganization
            @($again).Count | Should -Be 2
            $again.Name | Sort-Object | Should -Be @('Contoso', 'Fabrikam')
            @(Get-EmulatorRequest $emulator | Where-Object Path -like '/organizations/org_*').Count | Should -Be 2
        }

        It 'gets domains by id, organization, name, state, pipeline and all' {
            $one = $contoso.Domains | Where-Object Domain -eq "one.$zone"
            (Get-WorkOSDomain -Id $one.Id).Domain | Should -Be "one.$zone"
            (Get-WorkOSDomain -OrganizationId $contoso.Id).Domain | Should -Be @("one.$zone", "two.$zone")
            (Get-WorkOSOrganization -Domain 'fabrikam.test' | Get-WorkOSDomain).Domain | Should -Be 'fabrikam.test'
            ("two.$zone", 'fabrikam.test' | Get-WorkOSDomain).OrganizationId | Should -Be @($contoso.Id, $fabrikam.Id)
            ($one | Get-WorkOSDomain).Id | Should -Be $one.Id
            ($contoso.Id | Get-WorkOSDomain).Domain | Should -Be @("one.$zone", "two.$zone") # an organization id piped as a string
            @(Get-WorkOSDomain).Count | Should -Be 3
            (Get-WorkOSDomain -State verified).Domain | Should -Be 'fabrikam.test'
            ([pscustomobject]@{ Domain = "one.$zone" } | Get-WorkOSDomain).Id | Should -Be $one.Id
        }

        It 'lists nothing when the pipeline brings nothing, never every domain' {
            @(@() | Get-WorkOSDomain).Count | Should -Be 0
            @(Get-WorkOSOrganization -Domain "nobody.$zone" | Get-WorkOSDomain).Count | Should -Be 0
            @(Get-WorkOSDomain).Count | Should -Be 3 # asked for nothing in particular: all
        }

        It 'warns about a state WorkOS does not use, and matches events whatever their case' {
            Get-WorkOSDomain -State verifed -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeNullOrEmpty
            "$warnings" | Should -Match "'verifed' is not a domain state WorkOS is known to use"
            @(Get-WorkOSEvent -Event 'Organization_Domain.Created').Count | Should -BeGreaterThan 0
        }

        It 'says a domain id given for an organization is one, and a missing organization is the organization' {
            $one = $contoso.Domains | Select-Object -First 1
            $e = { $one | Get-WorkOSOrganization -ErrorAction Stop } | Should -Throw -PassThru
            $e.ToString() | Should -Match 'is an organization domain id \(org_domain_\.\.\.\), not an organization id'
            New-WorkOSOrganizationDomain -OrganizationId org_01NOSUCHORGANIZATION -Domain "lost.$zone" -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.NotFound,*'
            $failures[0].ToString() | Should -Match 'Not found: the organization does not exist'
            $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Get-WorkOSOrganization lists'
        }

        It 'says what a removal or a creation that never got its answer may have done, and how to look' {
            $one = $contoso.Domains | Select-Object -First 1
            Invoke-EmulatorControl $emulator POST faults @{ kind = 'reset_after_commit'; method = 'DELETE'; count = 10 }
            $one | Remove-WorkOSOrganizationDomain -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.NoResponse,*'
            $failures[0].ErrorDetails.RecommendedAction | Should -Match 'may have removed it .*Get-WorkOSDomain -Id'
            Invoke-EmulatorControl $emulator DELETE faults
            { Get-WorkOSDomain -Id $one.Id -ErrorAction Stop } | Should -Throw -ExpectedMessage '*does not exist*' # gone, as the advice says it may be
            Invoke-EmulatorControl $emulator POST faults @{ kind = 'reset_after_commit'; method = 'POST'; path = '/organizations'; count = 10 }
            New-WorkOSOrganization -Name 'Lost Answer' -ExternalId 'crm-lost' -ErrorVariable created -ErrorAction SilentlyContinue
            $created[0].ErrorDetails.RecommendedAction | Should -Match 'check with Get-WorkOSOrganization .*answers WorkOS.Conflict'
        }

        It 'reports a name no organization claims as not found and goes on' {
            $found = @("nobody.$zone", "one.$zone" | Get-WorkOSDomain -ErrorVariable failures -ErrorAction SilentlyContinue)
            $found.Domain | Should -Be @("one.$zone")
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.NotFound,*'
            $failures[0].TargetObject | Should -Be "nobody.$zone"
        }

        It 'pipes into Test-WorkOSDnsChallenge and Remove-WorkOSOrganizationDomain' {
            (Get-WorkOSDomain -Domain "one.$zone" | Test-WorkOSDnsChallenge @dns).Findings.Code | Should -Contain 'RecordMissing'
            Get-WorkOSDomain -Domain "one.$zone" | Remove-WorkOSOrganizationDomain -Confirm:$false
            (Get-WorkOSDomain -OrganizationId $contoso.Id).Domain | Should -Be @("two.$zone")
        }
    }

    Describe 'New-WorkOSPortalLink' {
        It 'hands the customer a five-minute domain verification link, warning not to keep it' {
            $org = New-TestOrganization
            $before = [DateTimeOffset]::UtcNow
            $link = $org | New-WorkOSPortalLink -ItContactEmail it@contoso.test -WarningVariable warnings -WarningAction SilentlyContinue
            $link -is [WorkOSDomains.PortalLink] | Should -BeTrue
            $link.Link | Should -Match '^http://127\.0\.0\.1:\d+/portal/'
            $link.Intent | Should -Be 'domain_verification'
            $link.OrganizationId | Should -Be $org.Id
            ($link.ExpiresAt - $before).TotalMinutes | Should -BeGreaterOrEqual 4.9
            ($link.ExpiresAt - $before).TotalMinutes | Should -BeLessOrEqual 5.1
            $warnings[0].Message | Should -Match 'works until .* \(5 minutes\)\. Send it now and do not store it'
        }

        It 'passes an intent it does not know on to WorkOS' {
            $org = New-TestOrganization
            (New-WorkOSPortalLink -OrganizationId $org.Id -Intent future_intent -WarningAction SilentlyContinue).Intent | Should -Be 'future_intent'
        }
    }

    Describe 'Get-WorkOSEvent' {
        It 'streams the domain events, typed, oldest first' {
            $org = New-TestOrganization
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "events.$zone"
            $domain | Remove-WorkOSOrganizationDomain -Confirm:$false
            $events = @(Get-WorkOSEvent)
            $events.Event | Should -Be @('organization_domain.created', 'organization_domain.deleted')
            $events | ForEach-Object { $_ -is [WorkOSDomains.OrganizationDomainEvent] | Should -BeTrue }
            $events[0].OrganizationDomain.Domain | Should -Be "events.$zone"
            @(Get-WorkOSEvent -First 1).Count | Should -Be 1
            @($org | Get-WorkOSEvent -Event organization_domain.deleted).Count | Should -Be 1
        }

        It 'types a failed verification with its reason' {
            Invoke-EmulatorControl $emulator POST settings @{ fail_after_attempts = 1 }
            $org = New-TestOrganization
            New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain "lost.$zone" | Invoke-WorkOSDomainVerification -SkipDnsCheck -ErrorAction SilentlyContinue
            $failed = Get-WorkOSEvent -Event organization_domain.verification_failed
            $failed -is [WorkOSDomains.DomainVerificationFailedEvent] | Should -BeTrue
            $failed.Reason | Should -Be 'domain_verification_period_expired'
            $failed.OrganizationDomain.Domain | Should -Be "lost.$zone"
        }
    }
}
