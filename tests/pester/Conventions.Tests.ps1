# What expert reviewers check in a module: types scripts can name, views, ShouldProcess, pipeline
# binding between the cmdlets, a closed set of error ids, tab completion, bad input refused before
# any request, and no key anywhere.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeDiscovery {
    $changing = @('New-WorkOSOrganization', 'New-WorkOSOrganizationDomain', 'Remove-WorkOSOrganizationDomain',
        'Invoke-WorkOSDomainVerification', 'New-WorkOSPortalLink') | ForEach-Object { @{ Name = $_ } }
    $badDomains = @(
        @{ Value = 'https://contoso.test/login'; Problem = "looks like a URL. Give only the domain name, e.g. 'contoso.test'" }
        @{ Value = 'admin@contoso.test'; Problem = "looks like an e-mail address. Give only the part after '@', e.g. 'contoso.test'" }
        @{ Value = '*.contoso.test'; Problem = "is a wildcard. Claim the domain itself, e.g. 'contoso.test'" }
        @{ Value = 'con toso.test'; Problem = 'contains a space' }
        @{ Value = ('a' * 64) + '.contoso.test'; Problem = 'has a label of 64 characters' }
        @{ Value = (@('abcdefghij') * 25 -join '.') + '.test'; Problem = 'is 279 characters long. A domain name has at most 253' }
        @{ Value = 'contoso'; Problem = "has no dot. Give the full domain name, such as 'contoso.com'" }
        @{ Value = '192.0.2.10'; Problem = 'is an IP address' }
        @{ Value = '[2001:db8::1]'; Problem = 'is an IP address' }
        @{ Value = 'contoso.123'; Problem = "ends in '123', and no top-level domain is a number" }
        @{ Value = 'contoso.test:443'; Problem = "contains ':'. Give the domain name without a port" }
        @{ Value = 'contoso..test'; Problem = 'has an empty label' }
    )
    $badIds = @(
        @{ Value = 'org_'; Problem = 'is only the prefix' }
        @{ Value = 'conn_01HXYZ'; Problem = "is not an organization id. Ids of this kind start with 'org_'" }
        @{ Value = 'org_' + ('A' * 61); Problem = 'is 65 characters long' }
        @{ Value = 'org_01H/../x'; Problem = 'contains a character that WorkOS ids never hold' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../dns/KnotLab.psm1') -Force
    Import-Module $ModulePath -Force
    $key = 'sk_test_fake_conventions_canary'
    $knot = Start-KnotServer -Zone @{ 'contoso.test' = '' }
    $emulator = Start-WorkOSEmulator -Path $EmulatorPath -ArgumentList '--api-key', $key, '--dns-server', $knot.EndPoint
    $dns = @{ BootstrapServer = $knot.EndPoint; AuthoritativePort = $knot.Port }
    $aboutTopic = Get-Content (Join-Path $PSScriptRoot '../../docs/about/about_WorkOSDomains.md') -Raw
}

AfterAll {
    Disconnect-WorkOS
    if ($emulator) { $emulator | Stop-WorkOSEmulator }
    if ($knot) { $knot | Stop-KnotServer }
    Remove-Module WorkOSDomains -ErrorAction Ignore
}

Describe 'Conventions' {
    BeforeEach {
        Invoke-EmulatorControl $emulator POST reset
        Connect-WorkOS -ApiKey $key -BaseUri $emulator.BaseUri -SkipValidation
    }

    Describe 'Types scripts can name' {
        It 'names every output type in a type literal as soon as the module is imported, and -is holds on real output' {
            $script = {
                param($ModulePath, $Key, $BaseUri, $Bootstrap, $Port)
                $ErrorActionPreference = 'Stop'
                Import-Module $ModulePath
                $names = 'Organization', 'OrganizationDomain', 'DnsChallengeResult', 'DnsFinding', 'DnsServerReport', 'DnsRecordInstruction',
                    'PortalLink', 'WorkOSEvent', 'OrganizationDomainEvent', 'DomainVerificationFailedEvent', 'WorkOSConnection', 'WorkOSContext', 'ErrorIds'
                $found = @{}
                foreach ($name in $names) { $found[$name] = ("WorkOSDomains.$name" -as [type]) -ne $null }
                $connection = Connect-WorkOS -ApiKey $Key -BaseUri $BaseUri -PassThru
                $org = New-WorkOSOrganization -Name 'Typed'
                $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain typed.contoso.test
                $check = $domain | Test-WorkOSDnsChallenge -BootstrapServer $Bootstrap -AuthoritativePort $Port
                $is = [ordered]@{
                    Organization         = $org -is [WorkOSDomains.Organization]
                    OrganizationDomain   = $domain -is [WorkOSDomains.OrganizationDomain]
                    DnsChallengeResult   = $check -is [WorkOSDomains.DnsChallengeResult]
                    DnsFinding           = $check.Findings[0] -is [WorkOSDomains.DnsFinding]
                    DnsServerReport      = $check.Servers[0] -is [WorkOSDomains.DnsServerReport]
                    DnsRecordInstruction = ($domain | Get-WorkOSDnsRecord -BootstrapServer $Bootstrap) -is [WorkOSDomains.DnsRecordInstruction]
                    PortalLink           = (New-WorkOSPortalLink -OrganizationId $org.Id -WarningAction SilentlyContinue) -is [WorkOSDomains.PortalLink]
                    WorkOSEvent          = (Get-WorkOSEvent -First 1) -is [WorkOSDomains.WorkOSEvent]
                    OrganizationDomainEvent = (Get-WorkOSEvent -First 1) -is [WorkOSDomains.OrganizationDomainEvent]
                    WorkOSConnection     = $connection -is [WorkOSDomains.WorkOSConnection]
                    WorkOSContext        = (Get-WorkOSContext) -is [WorkOSDomains.WorkOSContext]
                }
                @{ Found = $found; Is = $is } | ConvertTo-Json -Compress
            }
            $run = Invoke-FreshPwsh -Script $script.ToString() -Parameters @{ ModulePath = $ModulePath; Key = $key; BaseUri = $emulator.BaseUri; Bootstrap = $knot.EndPoint; Port = $knot.Port }
            $run.Result | Should -Not -BeNullOrEmpty -Because $run.Output
            foreach ($p in $run.Result.Found.PSObject.Properties) { $p.Value | Should -BeTrue -Because "[WorkOSDomains.$($p.Name)] must resolve" }
            foreach ($p in $run.Result.Is.PSObject.Properties) { $p.Value | Should -BeTrue -Because "output must be a $($p.Name)" }
        }

        It 'has a default view for every output type' {
            $types = 'Organization', 'OrganizationDomain', 'DnsChallengeResult', 'DnsFinding', 'DnsServerReport', 'DnsRecordInstruction',
                'PortalLink', 'WorkOSEvent', 'WorkOSConnection', 'WorkOSContext'
            foreach ($type in $types) { Get-FormatData -TypeName "WorkOSDomains.$type" | Should -Not -BeNullOrEmpty -Because "$type needs a view" }
            Get-Command -Module WorkOSDomains | ForEach-Object {
                foreach ($output in $_.OutputType.Type | Where-Object { $_.Namespace -eq 'WorkOSDomains' }) {
                    $viewed = $output.FullName
                    $base = $output
                    while ($base -and -not (Get-FormatData -TypeName $base.FullName)) { $base = $base.BaseType }
                    $base | Should -Not -BeNullOrEmpty -Because "$viewed, an output of $($_.Name), needs a view"
                }
            }
        }
    }

    Describe '<Name> changes state only when allowed' -ForEach $changing {
        It 'supports -WhatIf and -Confirm with a fitting impact' {
            $command = Get-Command $Name
            $command.Parameters.Keys | Should -Contain 'WhatIf'
            $command.Parameters.Keys | Should -Contain 'Confirm'
            $impact = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact
            if ($Name -like 'Remove-*') { $impact | Should -Be 'High' } else { $impact | Should -BeIn 'Low', 'Medium' }
        }

        It 'sends nothing that changes state under -WhatIf' {
            $org = New-WorkOSOrganization -Name 'WhatIf'
            $domain = New-WorkOSOrganizationDomain -OrganizationId $org.Id -Domain whatif.contoso.test
            Invoke-EmulatorControl $emulator DELETE requests
            $parameters = switch ($Name) {
                'New-WorkOSOrganization' { @{ Name = 'Never' } }
                'New-WorkOSOrganizationDomain' { @{ OrganizationId = $org.Id; Domain = 'never.contoso.test' } }
                'Remove-WorkOSOrganizationDomain' { @{ Id = $domain.Id } }
                'Invoke-WorkOSDomainVerification' { @{ Id = $domain.Id } + $dns }
                'New-WorkOSPortalLink' { @{ OrganizationId = $org.Id } }
            }
            & $Name @parameters -WhatIf | Should -BeNullOrEmpty
            @(Get-EmulatorRequest $emulator | Where-Object Method -ne 'GET').Count | Should -Be 0
        }
    }

    Describe 'Pipelines between the cmdlets' {
        It 'runs Get-WorkOSOrganization -Domain x | Get-WorkOSDomain | Invoke-WorkOSDomainVerification -Wait' {
            $org = New-WorkOSOrganization -Name 'Piped' -Domain piped.contoso.test
            $record = $org.Domains[0]
            Update-KnotZone -Server $knot -Origin 'contoso.test' -Records "$($record.VerificationPrefix).piped IN TXT `"$($record.VerificationToken)`"" -Serial 2
            $result = Get-WorkOSOrganization -Domain piped.contoso.test | Get-WorkOSDomain | Invoke-WorkOSDomainVerification -SkipDnsCheck -Wait -Interval 0.2 -Timeout 10
            $result.Domain | Should -Be 'piped.contoso.test'
            $result.State | Should -Be 'verified'
        }

        It 'claims domains for piped organizations and strings, and passes domain objects on by property' {
            $org = New-WorkOSOrganization -Name 'Claims'
            ($org | New-WorkOSOrganizationDomain -Domain a.contoso.test).OrganizationId | Should -Be $org.Id
            ('b.contoso.test', 'c.contoso.test' | New-WorkOSOrganizationDomain -OrganizationId $org.Id).Domain | Should -Be @('b.contoso.test', 'c.contoso.test')
            ([pscustomobject]@{ OrganizationId = $org.Id; Domain = 'd.contoso.test' } | New-WorkOSOrganizationDomain).Domain | Should -Be 'd.contoso.test'
            (Get-WorkOSDomain -Domain a.contoso.test | New-WorkOSPortalLink -WarningAction SilentlyContinue).OrganizationId | Should -Be $org.Id
            Get-WorkOSDomain -OrganizationId $org.Id | Remove-WorkOSOrganizationDomain -Confirm:$false
            Get-WorkOSDomain -OrganizationId $org.Id | Should -BeNullOrEmpty
        }

        It 'keeps input order and writes each error in its turn with ThrottleLimit' {
            $org = New-WorkOSOrganization -Name 'Ordered'
            Invoke-EmulatorControl $emulator POST settings @{ latency_ms = 30 }
            try {
                $names = foreach ($i in 1..24) { if ($i % 8 -eq 0) { "bad$i" } else { "d$i.contoso.test" } }
                $all = $names | New-WorkOSOrganizationDomain -OrganizationId $org.Id -ThrottleLimit 6 -ErrorVariable failures -ErrorAction Continue 2>&1
                ($all | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.TargetObject } else { $_.Domain } }) | Should -Be $names
                $failures.Count | Should -Be 3
            }
            finally { Invoke-EmulatorControl $emulator POST settings @{ latency_ms = 0 } }
        }

        It 'runs up to ThrottleLimit items at once and writes them in input order, though they finish in any order: <Cmdlet>' -ForEach @(
            @{ Cmdlet = 'New-WorkOSOrganizationDomain' }, @{ Cmdlet = 'Get-WorkOSDomain' }, @{ Cmdlet = 'Invoke-WorkOSDomainVerification' }, @{ Cmdlet = 'Remove-WorkOSOrganizationDomain' }
        ) {
            $org = New-WorkOSOrganization -Name 'Concurrent'
            $names = 1..20 | ForEach-Object { "c$_.contoso.test" }
            $domains = if ($Cmdlet -ne 'New-WorkOSOrganizationDomain') { $names | New-WorkOSOrganizationDomain -OrganizationId $org.Id }
            # Every answer takes 50 to 250 ms, at random: a cmdlet that wrote answers as they came would shuffle them.
            Invoke-EmulatorControl $emulator POST settings @{ latency_ms = 50; latency_jitter_ms = 200 }
            Invoke-EmulatorControl $emulator DELETE requests
            try {
                $written = switch ($Cmdlet) {
                    'New-WorkOSOrganizationDomain' { $names | New-WorkOSOrganizationDomain -OrganizationId $org.Id -ThrottleLimit 4 }
                    'Get-WorkOSDomain' { $domains.Id | Get-WorkOSDomain -ThrottleLimit 4 }
                    'Invoke-WorkOSDomainVerification' { $domains | Invoke-WorkOSDomainVerification -SkipDnsCheck -ThrottleLimit 4 }
                    'Remove-WorkOSOrganizationDomain' { $domains | Remove-WorkOSOrganizationDomain -ThrottleLimit 4 -Confirm:$false -Verbose 4>&1 | ForEach-Object Message }
                }
                $concurrency = (Invoke-EmulatorControl $emulator GET concurrency).max_in_flight
            }
            finally { Invoke-EmulatorControl $emulator POST settings @{ latency_ms = 0; latency_jitter_ms = 0 } }
            if ($Cmdlet -eq 'Remove-WorkOSOrganizationDomain') { @($written | Where-Object { $_ -match '^Removed (\S+)' } | ForEach-Object { $Matches[1] }) | Should -Be $domains.Domain }
            else { @($written).Domain | Should -Be $names }
            $concurrency | Should -Be 4 -Because 'ThrottleLimit 4 keeps four requests in flight, never more'
        }

        It 'sends nothing more once the pipeline ends early: <How>' -ForEach @(
            @{ How = 'an error with -ErrorAction Stop' }, @{ How = 'Select-Object -First 1' }, @{ How = 'a script block that throws downstream' }
        ) {
            $org = New-WorkOSOrganization -Name 'Stopped early'
            $names = 1..40 | ForEach-Object { if ($_ -eq 3) { 'bad3' } else { "s$_.contoso.test" } }
            Invoke-EmulatorControl $emulator POST settings @{ latency_ms = 300 }
            Invoke-EmulatorControl $emulator DELETE requests
            try {
                try {
                    switch ($How) {
                        'an error with -ErrorAction Stop' { $names | New-WorkOSOrganizationDomain -OrganizationId $org.Id -ThrottleLimit 4 -ErrorAction Stop }
                        'Select-Object -First 1' { $names | New-WorkOSOrganizationDomain -OrganizationId $org.Id -ThrottleLimit 4 -ErrorAction SilentlyContinue | Select-Object -First 1 }
                        'a script block that throws downstream' { $names | New-WorkOSOrganizationDomain -OrganizationId $org.Id -ThrottleLimit 4 | ForEach-Object { throw 'stop here' } }
                    }
                }
                catch { }
                $sentCount = { @((Invoke-EmulatorControl $emulator GET requests) | Where-Object { $_.method -eq 'POST' }).Count }
                Start-Sleep -Milliseconds 100
                $sentWhenStopped = & $sentCount
                Start-Sleep -Milliseconds 1500 # answers take 300 ms: what was still queued would have been sent by now
                $sentLater = & $sentCount
            }
            finally { Invoke-EmulatorControl $emulator POST settings @{ latency_ms = 0 } }
            $sentLater | Should -Be $sentWhenStopped -Because 'items still queued when the pipeline ends are never sent'
            $sentLater | Should -BeLessThan 40
        }
    }

    Describe 'Bad input is refused before any request' {
        It 'refuses the domain <Value> naming it and the fix, and still claims the good ones' -ForEach $badDomains {
            $org = New-WorkOSOrganization -Name 'Input'
            Invoke-EmulatorControl $emulator DELETE requests
            $claimed = @($Value, 'good.contoso.test' | New-WorkOSOrganizationDomain -OrganizationId $org.Id -ErrorVariable failures -ErrorAction SilentlyContinue)
            $claimed.Domain | Should -Be @('good.contoso.test')
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
            $failures[0].TargetObject | Should -Be $Value
            $failures[0].ToString() | Should -BeLike "-Domain '$([WildcardPattern]::Escape($Value.Substring(0, [Math]::Min(80, $Value.Length))))*"
            $failures[0].ToString() | Should -Match ([regex]::Escape($Problem))
            @(Get-EmulatorRequest $emulator).Count | Should -Be 1 # the good domain only
        }

        It 'refuses the organization id <Value> naming it and the fix' -ForEach $badIds {
            Invoke-EmulatorControl $emulator DELETE requests
            New-WorkOSOrganizationDomain -OrganizationId $Value -Domain fine.contoso.test -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
            $failures[0].ToString() | Should -Match "^-OrganizationId '"
            $failures[0].ToString() | Should -Match ([regex]::Escape($Problem))
            @(Get-EmulatorRequest $emulator).Count | Should -Be 0
        }

        It 'names the parameter the cmdlet has: -Id for domain ids' {
            $e = { Invoke-WorkOSDomainVerification -Id org_01HXYZ -ErrorAction Stop } | Should -Throw -PassThru
            $e.ToString() | Should -Match "^-Id 'org_01HXYZ' is not an organization domain id"
        }
    }

    Describe 'Finding codes' {
        It 'are each documented in about_WorkOSDnsFindings with an example and, when one is needed, a fix' {
            $findings = Get-Help about_WorkOSDnsFindings | Out-String
            $codes = [WorkOSDomains.FindingCodes].GetFields() | ForEach-Object { $_.GetValue($null) }
            $codes.Count | Should -BeGreaterThan 25
            # One section per code: its heading, then what is seen and a real example before the next heading.
            $sections = @{}; $severities = @{}
            foreach ($m in [regex]::Matches($findings, '(?ms)^  (\w+) \(((?:Info|Warning|Fail|Error)[^)]*)\)\s*$(.*?)(?=^  \w+ \(|^\S|\z)')) {
                $sections[$m.Groups[1].Value] = $m.Groups[3].Value
                $severities[$m.Groups[1].Value] = $m.Groups[2].Value
            }
            foreach ($code in $codes) {
                $sections.ContainsKey($code) | Should -BeTrue -Because "$code needs a section"
                $sections[$code] | Should -Match 'Seen on the wire: ' -Because "$code says what is seen"
                $sections[$code] | Should -Match 'Example: ' -Because "$code has an example"
                # Anything that can fail or warn tells the admin what to do.
                if ($severities[$code] -ne 'Info') { $sections[$code] | Should -Match 'Fix: ' -Because "$code ($($severities[$code])) needs a fix" }
            }
        }
    }

    Describe 'Error ids' {
        It 'are a closed set, each documented in about_WorkOSDomains' {
            $ids = [WorkOSDomains.ErrorIds].GetFields() | ForEach-Object { $_.GetValue($null) }
            $ids.Count | Should -BeGreaterThan 10
            foreach ($id in $ids) { $aboutTopic | Should -Match ([regex]::Escape($id)) -Because "$id must be documented" }
            $documented = [regex]::Matches($aboutTopic, 'WorkOS\.[A-Za-z]+') | ForEach-Object Value | Sort-Object -Unique
            $documented | Where-Object { $_ -notin $ids } | Should -BeNullOrEmpty -Because 'the topic documents only ids the module writes'
        }

        It 'writes <Id> with category <Category>, the target attached, and the request id' -ForEach @(
            @{ Id = 'WorkOS.Unauthorized'; Category = 'AuthenticationError'; Fault = $null; WrongKey = 'sk_test_fake_wrong' }
            @{ Id = 'WorkOS.Forbidden'; Category = 'PermissionDenied'; Fault = @{ status = 403; body = '{"message":"Forbidden"}' } }
            @{ Id = 'WorkOS.NotFound'; Category = 'ObjectNotFound'; Fault = @{ status = 404; body = '{"message":"Organization not found"}' } }
            @{ Id = 'WorkOS.DomainAlreadyExists'; Category = 'ResourceExists'; Fault = @{ status = 409; body = '{"code":"domain_already_exists","message":"Domain already exists"}' } }
            @{ Id = 'WorkOS.RequestRejected'; Category = 'InvalidArgument'; Fault = @{ status = 422; body = '{"message":"Validation failed","errors":[{"field":"domain","code":"invalid_domain"}]}' } }
            @{ Id = 'WorkOS.RateLimited'; Category = 'LimitsExceeded'; Fault = @{ status = 429; retry_after = '1'; body = '"Ratelimited"' } }
            @{ Id = 'WorkOS.ServerError'; Category = 'ResourceUnavailable'; Fault = @{ status = 500; body = '{"message":"boom"}' } }
            @{ Id = 'WorkOS.NoResponse'; Category = 'ConnectionError'; Fault = @{ kind = 'reset' }; NoRequestId = $true }
            @{ Id = 'WorkOS.UnexpectedResponse'; Category = 'InvalidResult'; Fault = @{ kind = 'malformed_json' } }
        ) {
            $org = New-WorkOSOrganization -Name 'Errors'
            if ($Fault) { Invoke-EmulatorControl $emulator POST faults ($Fault + @{ method = 'POST'; path = '/organization_domains'; count = -1 }) }
            $parameters = @{ OrganizationId = $org.Id; Domain = 'errors.contoso.test' }
            if ($WrongKey) { $parameters.ApiKey = $WrongKey; $parameters.BaseUri = $emulator.BaseUri }
            $connection = Connect-WorkOS -ApiKey $key -BaseUri $emulator.BaseUri -MaxRetries 0 -PassThru -SkipValidation
            New-WorkOSOrganizationDomain @parameters -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            Invoke-EmulatorControl $emulator DELETE faults
            $failures[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
            $failures[0].CategoryInfo.Category | Should -Be $Category
            $failures[0].TargetObject | Should -Be 'errors.contoso.test'
            if (-not $NoRequestId) { $failures[0].ToString() | Should -Match 'request id [0-9a-f-]{36}' }
        }

        It 'writes WorkOS.Unexpected, with a category and the advice to report it, for a failure nobody foresaw' {
            # No command can be made to fail unforeseeably on purpose: the one mapping every error goes through is asked directly.
            $records = [WorkOSDomains.ErrorIds].Assembly.GetType('WorkOSDomains.Errors.ErrorRecords', $true)
            $for = $records.GetMethod('For', [Reflection.BindingFlags]'NonPublic, Static')
            $record = $for.Invoke($null, @([InvalidOperationException]::new('a state nobody planned for'), 'target-1', [Func[string, string]] { param($f) $f }))
            $record.FullyQualifiedErrorId | Should -Be 'WorkOS.Unexpected'
            $record.CategoryInfo.Category | Should -Be 'NotSpecified'
            $record.TargetObject | Should -Be 'target-1'
            $record.ErrorDetails.RecommendedAction | Should -Match 'report this failure'
        }

        It 'each id of the closed set is provoked and asserted by a test' {
            $tests = Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1' | Get-Content -Raw
            foreach ($id in [WorkOSDomains.ErrorIds].GetFields() | ForEach-Object { $_.GetValue($null) }) {
                # In an assertion (Should ... 'WorkOS.X,*') or a test case (Id = 'WorkOS.X'), not just anywhere.
                ($tests -join "`n") | Should -Match "(Should[^\r\n]*|Id = )'$([regex]::Escape($id))(,\*)?'" -Because "an error id no test provokes can drift from what the module writes"
            }
        }
    }

    Describe 'Tab completion' {
        It 'completes <Parameter> of <Command>' -ForEach @(
            @{ Command = 'New-WorkOSPortalLink -OrganizationId org_1 -Intent dom'; Parameter = '-Intent'; Expected = 'domain_verification' }
            @{ Command = 'Get-WorkOSEvent -Event organization_domain.ver'; Parameter = '-Event'; Expected = 'organization_domain.verified', 'organization_domain.verification_failed' }
            @{ Command = 'Get-WorkOSDomain -State pen'; Parameter = '-State'; Expected = 'pending' }
        ) {
            $completion = TabExpansion2 -inputScript $Command -cursorColumn $Command.Length
            $completion.CompletionMatches.CompletionText | Should -Be $Expected
        }

        It 'completes organization ids from the connection, showing names' {
            $org = New-WorkOSOrganization -Name 'Completed Corp'
            $line = 'Get-WorkOSDomain -OrganizationId Completed'
            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $completion.CompletionMatches.CompletionText | Should -Be $org.Id
            $completion.CompletionMatches.ListItemText | Should -Be "$($org.Id) (Completed Corp)"
        }
    }

    Describe 'The API key' {
        It 'appears in no stream, error record or transcript of the whole flow' {
            $transcript = Join-Path ([IO.Path]::GetTempPath()) "workos-flow-transcript-$([guid]::NewGuid().ToString('N')).txt"
            $errorsBefore = $Error.Count
            Start-Transcript -Path $transcript
            try {
                $streams = & {
                    $org = New-WorkOSOrganization -Name 'Canary' -Domain canary.contoso.test -Verbose -Debug
                    $org | Get-WorkOSDomain -Verbose | Test-WorkOSDnsChallenge @dns -Verbose
                    $org | Get-WorkOSDomain | Invoke-WorkOSDomainVerification @dns -Verbose -ErrorAction Continue
                    $org | Get-WorkOSDomain | Invoke-WorkOSDomainVerification -SkipDnsCheck -Wait -Interval 0.2 -Timeout 1 -Verbose -ErrorAction Continue
                    $org | New-WorkOSPortalLink -Verbose
                    Get-WorkOSEvent -Verbose
                    Get-WorkOSContext | Format-List * | Out-String
                    New-WorkOSOrganizationDomain -OrganizationId org_01NOPE -Domain canary2.contoso.test -ErrorAction Continue
                    try { Get-WorkOSOrganization -ApiKey 'sk_test_fake_other_canary' -BaseUri $emulator.BaseUri } catch { $_ | Format-List * -Force | Out-String }
                } *>&1 | Out-String -Width 500
            }
            finally { Stop-Transcript }
            $text = $streams + (Get-Content $transcript -Raw) + ($Error[0..($Error.Count - $errorsBefore)] | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception.ToString() } | Out-String)
            Remove-Item $transcript
            $text | Should -Match 'POST /organizations' # the verbose diagnostics were captured
            $text | Should -Not -Match 'conventions_canary'
            $text | Should -Not -Match 'other_canary'
        }
    }
}
