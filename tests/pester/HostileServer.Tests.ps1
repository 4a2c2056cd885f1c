# The cmdlets against a server that misbehaves on purpose (issue 9): the key never comes back,
# memory and time stay bounded, every list ends, and each message says what happened.
# The server is tests/WorkOSDomains.Emulator/HostileServer.cs; the first path segment of the base
# URI picks the case, and the server counts the requests of each case.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $ModulePath -Force
    $key = 'sk_test_fake_canary'
    $secret = 'fake_canary'
    $hostile = Start-WorkOSEmulator -Path $EmulatorPath -ArgumentList '--hostile'
    function Get-Base([string] $case) { [uri]::new($hostile.BaseUri, "$case/") }
    function Get-Requests([string] $case) {
        (Invoke-RestMethod -Uri ([uri]::new($hostile.BaseUri, "_emulator/requests/$case"))).requests
    }
    function Connect-Hostile([string] $case, [hashtable] $options = @{}) {
        Connect-WorkOS -ApiKey $key -BaseUri (Get-Base $case) -SkipValidation -PassThru @options
    }
    Invoke-RestMethod -Method Post -Uri ([uri]::new($hostile.BaseUri, '_emulator/reset'))
    $env:WORKOS_API_KEY = $null
}

AfterAll {
    Disconnect-WorkOS
    if ($hostile) { $hostile | Stop-WorkOSEmulator }
    Remove-Module WorkOSDomains -ErrorAction Ignore
}

Describe 'The key canary' {
    It 'never shows the key: every cmdlet, every stream, $Error with inner exceptions, Export-Clixml and a transcript' {
        # A process of its own, so its $Error and its transcript hold this run only.
        $scenario = {
            param([string] $ModulePath, [string] $HostileUri)
            # Not a parameter: the transcript's header shows the process's command line.
            $Key = 'sk_test_fake_canary'
            $manifest = Import-PowerShellDataFile $ModulePath
            Import-Module $ModulePath
            $ran = [Collections.Generic.HashSet[string]]::new()
            # Each exported cmdlet, run against each echoing case; $c is that case's connection.
            $calls = @(
                { Connect-WorkOS -ApiKey $Key -BaseUri $base -MaxRetries 1 -Verbose -Debug }
                { Connect-WorkOS -ApiKey $Key -BaseUri $base -MaxRetries 1 -SkipValidation -Verbose }
                { Get-WorkOSContext | Format-List * }
                { Get-WorkOSOrganization -Connection $c -Verbose -Debug }
                { Get-WorkOSOrganization -ApiKey $Key -BaseUri $base -Id org_01ECHO -Verbose }
                { Get-WorkOSOrganization -Connection $c -ExternalId crm-1 -Verbose }
                { New-WorkOSOrganization -Connection $c -Name Echo -Domain echo.example -Confirm:$false -Verbose }
                { New-WorkOSOrganizationDomain -Connection $c -OrganizationId org_01ECHO -Domain echo.example -Confirm:$false -Verbose }
                { Get-WorkOSDomain -Connection $c -Verbose }
                { Get-WorkOSDomain -Connection $c -Domain echo.example -Verbose }
                { Get-WorkOSDomain -Connection $c -Id org_domain_01ECHO -Verbose | Get-WorkOSDnsRecord -Format Bind }
                { Get-WorkOSDomain -Connection $c -OrganizationId org_01ECHO | Test-WorkOSDnsChallenge -Server 127.0.0.1:9 -Verbose }
                { Invoke-WorkOSDomainVerification -Connection $c -Id org_domain_01ECHO -SkipDnsCheck -Confirm:$false -Verbose }
                { Remove-WorkOSOrganizationDomain -Connection $c -Id org_domain_01ECHO -Confirm:$false -Verbose }
                { New-WorkOSPortalLink -Connection $c -OrganizationId org_01ECHO -Confirm:$false -Verbose }
                { Get-WorkOSEvent -Connection $c -Verbose -Debug }
                # The webhook cmdlets never use the key; they run here so every cmdlet is covered.
                { Test-WorkOSWebhookSignature -Payload '{"id":"event_01"}' -SignatureHeader 't=1, v1=00' -Secret 'whsec_test_webhook' -Verbose }
                { ConvertFrom-WorkOSWebhook -Payload '{"id":"event_01"}' -SignatureHeader 't=1, v1=00' -Secret 'whsec_test_webhook' -Verbose }
                { Disconnect-WorkOS -Verbose }
            )
            $text = [Text.StringBuilder]::new()
            $transcript = Join-Path ([IO.Path]::GetTempPath()) "workos-canary-$([guid]::NewGuid().ToString('N')).txt"
            $clixml = [IO.Path]::ChangeExtension($transcript, 'xml')
            $null = Start-Transcript -Path $transcript
            foreach ($case in 'echo-401', 'echo-422', 'echo-500', 'echo-200', 'echo-redirect', 'echo-status-line') {
                $base = [uri]::new([uri]$HostileUri, "$case/")
                $c = Connect-WorkOS -ApiKey $Key -BaseUri $base -MaxRetries 1 -SkipValidation -PassThru
                foreach ($call in $calls) {
                    foreach ($name in $manifest.CmdletsToExport) { if ("$call" -match "\b$name\b") { $null = $ran.Add($name) } }
                    # Every stream, each record in full: errors with their exception chain and details.
                    $records = @(try { & $call *>&1 } catch { $_ })
                    $records | Out-Host # into the transcript
                    $null = $text.AppendLine(($records | Format-List * -Force | Out-String -Width 4096))
                }
            }
            Stop-Transcript
            $Error | Export-Clixml -Path $clixml -Depth 5
            foreach ($e in $Error) { $null = $text.AppendLine("$e").AppendLine("$($e.ErrorDetails)").AppendLine($e.Exception.ToString()) }
            $everything = $text.ToString() + (Get-Content $transcript -Raw) + (Get-Content $clixml -Raw)
            Remove-Item $transcript, $clixml
            # The key as text, and as Export-Clixml would write a SecureString on Linux (UTF-16 in hex).
            $hex = -join ([Text.Encoding]::Unicode.GetBytes($Key) | ForEach-Object { $_.ToString('x2') })
            [pscustomobject]@{
                NotRun   = @($manifest.CmdletsToExport | Where-Object { -not $ran.Contains($_) })
                Errors   = $Error.Count
                Redacted = ([regex]::Matches($everything, 'Bearer \*\*\*')).Count
                Echoed   = $everything.Contains('Echo Bearer sk_test_***')
                Hits     = ([regex]::Matches($everything, [regex]::Escape($Key.Substring(8)) + '|' + $hex, 'IgnoreCase')).Count
            } | ConvertTo-Json -Compress
        }
        $run = Invoke-FreshPwsh -Script "$scenario" -Parameters @{ ModulePath = $ModulePath; HostileUri = "$($hostile.BaseUri)" }
        $run.Result | Should -Not -BeNullOrEmpty -Because $run.Output

        $run.Result.NotRun | Should -BeNullOrEmpty
        $run.Result.Errors | Should -BeGreaterThan 40 # the failures really happened and were searched
        $run.Result.Redacted | Should -BeGreaterThan 40 # the server's echoes arrived, redacted
        $run.Result.Echoed | Should -BeTrue # also inside well-formed answers
        $run.Result.Hits | Should -Be 0 -Because ($run.Output -split "`n" | Select-String $secret | Select-Object -First 5 | Out-String)
    }
}

Describe 'A hostile server' {
    BeforeEach { Invoke-RestMethod -Method Post -Uri ([uri]::new($hostile.BaseUri, '_emulator/reset')) }
    AfterEach { Disconnect-WorkOS }

    Context 'lists that never end' {
        It 'stops <Command> at a repeated cursor, naming it' -ForEach @(
            @{ Command = 'Get-WorkOSOrganization'; Call = { Get-WorkOSOrganization -Connection $c }; Cursor = 'org_same' }
            @{ Command = 'Get-WorkOSDomain'; Call = { Get-WorkOSDomain -Connection $c }; Cursor = 'org_same' }
            @{ Command = 'Get-WorkOSDomain -Domain'; Call = { Get-WorkOSDomain -Connection $c -Domain loop.example }; Cursor = 'org_same' }
            @{ Command = 'Get-WorkOSEvent'; Call = { Get-WorkOSEvent -Connection $c }; Cursor = 'event_same' }
        ) {
            $c = Connect-Hostile 'cursor-repeat'
            # Some of them stop (a terminating error), others write the error of the one item.
            $records = @(try { & $Call *>&1 } catch { $_ })
            $failures = @($records | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.UnexpectedResponse,*'
            "$($failures[0])" | Should -Match "returned the cursor '$Cursor' a second time"
            "$($failures[0])".Length | Should -BeLessThan 1000
            Get-Requests 'cursor-repeat' | Should -Be 2
        }

        It 'stops a run of empty pages that each bring a new cursor' {
            $c = Connect-Hostile 'cursor-empty'
            $e = { Get-WorkOSOrganization -Connection $c } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.UnexpectedResponse,*'
            "$e" | Should -Match "returned 5 pages in a row with nothing new .*, each with a new cursor \(the last was 'cursor_req_hostile_\d+'\)"
            Get-Requests 'cursor-empty' | Should -Be 5
        }
    }

    Context 'bodies of the wrong shape' {
        It 'refuses a list where an organization was asked for, with the request id' {
            $c = Connect-Hostile 'shape-list'
            $out = @(Get-WorkOSOrganization -Connection $c -Id org_01HXYZ -ErrorVariable failures -ErrorAction SilentlyContinue)
            $out.Count | Should -Be 0
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.UnexpectedResponse,*'
            "$($failures[0])" | Should -Match "WorkOS answered 200 with a body that is not an organization \(its 'object' is 'list', not 'organization'\)"
            "$($failures[0])" | Should -Match 'request id req_hostile_'
            Get-Requests 'shape-list' | Should -Be 1
        }

        It 'refuses {"data":null} for one organization instead of a raw ArgumentNullException' {
            $c = Connect-Hostile 'shape-data-null'
            $null = Get-WorkOSOrganization -Connection $c -Id org_01HXYZ -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.UnexpectedResponse,*'
            "$($failures[0])" | Should -Match 'not an organization'
            @(Get-WorkOSOrganization -Connection $c).Count | Should -Be 0 # as a list, null data is an empty list
        }

        It 'refuses a list with a null item instead of writing $null' {
            $c = Connect-Hostile 'shape-null-item'
            $e = { Get-WorkOSOrganization -Connection $c } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.UnexpectedResponse,*'
            "$e" | Should -Match "item 1 of its 'data' is wrong: it is null"
        }

        It 'treats "domains": null as no domains' {
            $c = Connect-Hostile 'shape-domains-null'
            $organization = Get-WorkOSOrganization -Connection $c -Id org_01NULLDOMAINS
            $null -eq $organization.Domains | Should -BeFalse
            $organization.Domains.Count | Should -Be 0
            @(Get-WorkOSDomain -Connection $c -OrganizationId org_01NULLDOMAINS -ErrorVariable failures).Count | Should -Be 0
            $failures.Count | Should -Be 0
        }
    }

    Context 'sizes' {
        It 'fails <Case> at once with "larger than 16 MB", one request, and under 200 MB of memory' -ForEach @(
            @{ Case = 'huge-plain' }, @{ Case = 'huge-chunked' }, @{ Case = 'gzip-bomb' }
        ) {
            # A process of its own, so its peak memory is this call's.
            $scenario = {
                param([string] $ModulePath, [string] $BaseUri, [string] $WarmUpUri)
                Import-Module $ModulePath
                $Key = 'sk_test_fake_canary'
                $null = Get-WorkOSOrganization -ApiKey $Key -BaseUri $WarmUpUri -ErrorAction SilentlyContinue # loads the HTTP stack
                $c = Connect-WorkOS -ApiKey $Key -BaseUri $BaseUri -SkipValidation -PassThru -MaxRetries 3
                $process = [Diagnostics.Process]::GetCurrentProcess()
                $process.Refresh(); $before = $process.PeakWorkingSet64
                $null = Get-WorkOSOrganization -Connection $c -Id org_01HXYZ -ErrorVariable failures -ErrorAction SilentlyContinue
                $process.Refresh()
                [pscustomobject]@{ Id = $failures[0].FullyQualifiedErrorId; Message = "$($failures[0])"; Before = $before; After = $process.PeakWorkingSet64 } |
                    ConvertTo-Json -Compress
            }
            $run = Invoke-FreshPwsh -Script "$scenario" -Parameters @{ ModulePath = $ModulePath; BaseUri = "$(Get-Base $Case)"; WarmUpUri = "$(Get-Base 'echo-401')" }
            $run.Result | Should -Not -BeNullOrEmpty -Because $run.Output
            $run.Result.Id | Should -BeLike 'WorkOS.UnexpectedResponse,*'
            $run.Result.Message | Should -Match 'the response was larger than 16 MB'
            $run.Result.Message.Length | Should -BeLessThan 1000
            ($run.Result.After - $run.Result.Before) / 1MB | Should -BeLessThan 200
            Get-Requests $Case | Should -Be 1 # no retry
        }

        It 'cuts a 10 MB error message' {
            $c = Connect-Hostile 'huge-message' @{ MaxRetries = 0 }
            $null = Get-WorkOSOrganization -Connection $c -Id org_01HXYZ -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.ServerError,*'
            "$($failures[0])".Length | Should -BeLessThan 1500
            $failures[0].Exception.Message.Length | Should -BeLessThan 1500
            $failures[0].Exception.RawBody.Length | Should -BeLessThan 2002
            Get-Requests 'huge-message' | Should -Be 1
        }
    }

    Context 'the network' {
        It 'sends a request closed before any answer once per attempt: <Retries> retries, <Expected> requests' -ForEach @(
            @{ Retries = 0; Expected = 1 }, @{ Retries = 3; Expected = 4 }
        ) {
            $c = Connect-Hostile 'drop' @{ MaxRetries = $Retries }
            $null = Get-WorkOSOrganization -Connection $c -Id org_01HXYZ -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.NoResponse,*'
            "$($failures[0])" | Should -Match "on each of $Expected attempt\(s\)"
            Get-Requests 'drop' | Should -Be $Expected
        }

        It 'ends a trickling body at -TotalTimeoutSec, whatever -MaxRetries allows' {
            $c = Connect-Hostile 'trickle' @{ TimeoutSec = 2; TotalTimeoutSec = 3; MaxRetries = 10 }
            $c.TotalTimeout | Should -Be ([timespan]::FromSeconds(3))
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $null = Get-WorkOSOrganization -Connection $c -Id org_01HXYZ -ErrorVariable failures -ErrorAction SilentlyContinue
            # The first attempt times out at 2 s; the deadline cuts the second one short at 3 s.
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 4.5
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.NoResponse,*'
            $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            "$($failures[0])" | Should -Match 'got no complete answer within 3 s, the time allowed for one call \(2 attempt\(s\)\)'
            "$($failures[0])" | Should -Match 'Nothing was changed' # a GET
            "$($failures[0])" | Should -Not -Match 'safe to repeat|create'
            Get-Requests 'trickle' | Should -Be 2
        }

        It 'defaults -TotalTimeoutSec to 2 minutes, or to -TimeoutSec when that is longer' {
            (Connect-Hostile 'trickle').TotalTimeout | Should -Be ([timespan]::FromMinutes(2))
            (Connect-Hostile 'trickle' @{ TimeoutSec = 300 }).TotalTimeout | Should -Be ([timespan]::FromSeconds(300))
        }

        It 'says a redirect leads elsewhere and is not followed' {
            $c = Connect-Hostile 'redirect'
            $null = Get-WorkOSOrganization -Connection $c -Id org_01HXYZ -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.UnexpectedResponse,*'
            "$($failures[0])" | Should -Match 'the address redirects elsewhere \(to https://elsewhere\.example/organizations\)'
            "$($failures[0])" | Should -Match 'does not follow redirects, so the API key never travels to another host'
            "$($failures[0])" | Should -Not -Match 'no details'
            Get-Requests 'redirect' | Should -Be 1
        }
    }

    Context 'input that never reaches the server' {
        It 'refuses the id <Shown> before any request' -ForEach @(
            @{ Shown = 'org_'; Id = 'org_' }
            @{ Shown = 'of 10,000 characters'; Id = 'org_' + ('a' * 9996) }
        ) {
            $c = Connect-Hostile 'echo-401'
            $null = Get-WorkOSOrganization -Connection $c -Id $Id -ErrorVariable failures -ErrorAction SilentlyContinue
            $null = Get-WorkOSDomain -Connection $c -Id ($Id -replace '^org_', 'org_domain_') -ErrorVariable +failures -ErrorAction SilentlyContinue
            $null = Remove-WorkOSOrganizationDomain -Connection $c -Id ($Id -replace '^org_', 'org_domain_') -Confirm:$false -ErrorVariable +failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 3
            $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*' }
            "$($failures[0])".Length | Should -BeLessThan 400
            Get-Requests 'echo-401' | Should -Be 0
        }

        It 'refuses the key <Shown> before any request' -ForEach @(
            @{ Shown = 'sk_'; Key = 'sk_'; Problem = 'has no secret part' }
            @{ Shown = 'sk_test_'; Key = 'sk_test_'; Problem = 'has no secret part' }
            @{ Shown = 'with a NUL'; Key = "sk_test_fake`0canary"; Problem = 'control character' }
        ) {
            $e = { Connect-WorkOS -ApiKey $Key -BaseUri (Get-Base 'echo-401') } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
            "$e" | Should -Match $Problem
            $e = { Get-WorkOSOrganization -ApiKey $Key -BaseUri (Get-Base 'echo-401') } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
            Get-Requests 'echo-401' | Should -Be 0
        }

        It 'refuses a -BaseUri with a user name and password without ever showing them' {
            $uri = "http://user:hunter2@127.0.0.1:$($hostile.BaseUri.Port)/echo-401/"
            $records = @(try { & { Connect-WorkOS -ApiKey $key -BaseUri $uri -Verbose } *>&1 } catch { $_ })
            $records += @(try { & { Get-WorkOSOrganization -ApiKey $key -BaseUri $uri -Verbose } *>&1 } catch { $_ })
            $errors = @($records | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
            $errors.Count | Should -Be 2
            $errors | ForEach-Object { "$_" | Should -Match '^-BaseUri contains a user name or password' }
            @($records | Where-Object { "$_" -match 'Connected to' }).Count | Should -Be 0
            ($records | Format-List * -Force | Out-String) + ($errors | ForEach-Object { $_.Exception.ToString() }) | Should -Not -Match 'hunter2'
            (Get-WorkOSContext) | Should -BeNullOrEmpty
            Get-Requests 'echo-401' | Should -Be 0
        }

        It 'quotes a domain as given and names an over-long label' -ForEach @(
            @{ Domain = 'example.com..'; Message = "^-Domain 'example\.com\.\.' has an empty label" }
            @{ Domain = ('a' * 64) + '.example'; Message = 'has a label of 64 characters. A label \(the text between dots\) has at most 63 characters' }
        ) {
            $c = Connect-Hostile 'echo-401'
            $null = New-WorkOSOrganizationDomain -Connection $c -OrganizationId org_01HXYZ -Domain $Domain -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
            "$($failures[0])" | Should -Match $Message
            "$($failures[0])" | Should -Not -Match 'not allowed in host names'
            Get-Requests 'echo-401' | Should -Be 0
        }
    }
}
