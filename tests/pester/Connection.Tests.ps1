# Connect-WorkOS, Disconnect-WorkOS and Get-WorkOSOrganization against the emulator.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $ModulePath -Force
    $key = 'sk_test_fake_pester'
    $seed = Join-Path $PSScriptRoot '../../samples/emulator-seed.json'
    $emulator = Start-WorkOSEmulator -Path $EmulatorPath -ArgumentList '--seed', $seed, '--api-key', $key
    $control = [uri]::new($emulator.BaseUri, '_emulator/')
    function Add-Fault([hashtable] $fault) {
        Invoke-RestMethod -Method Post -Uri ([uri]::new($control, 'faults')) -ContentType 'application/json' -Body ($fault | ConvertTo-Json)
    }
    $env:WORKOS_API_KEY = $null
}

AfterAll {
    Disconnect-WorkOS
    if ($emulator) { $emulator | Stop-WorkOSEmulator }
    Remove-Module WorkOSDomains -ErrorAction Ignore
}

Describe 'Connect-WorkOS' {
    AfterEach { Disconnect-WorkOS }

    It 'checks the key against the API and becomes the session default' {
        $connection = Connect-WorkOS -ApiKey $key -BaseUri $emulator.BaseUri -PassThru
        $connection.Environment | Should -Be 'staging'
        $connection.KeyHint | Should -Be 'sk_test_***'
        @(Get-WorkOSOrganization).Count | Should -Be 2
    }

    It 'takes the key as a PSCredential, as Get-AutomationPSCredential returns it' {
        $credential = [pscredential]::new('workos', (ConvertTo-SecureString $key -AsPlainText -Force))
        Connect-WorkOS -ApiKey $credential -BaseUri $emulator.BaseUri
        @(Get-WorkOSOrganization).Count | Should -Be 2
    }

    It 'refuses a wrong key with a terminating error that says what to check' {
        $e = { Connect-WorkOS -ApiKey 'sk_test_fake_wrong' -BaseUri $emulator.BaseUri } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.Unauthorized,*'
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $e.Exception.Message | Should -Match 'starts with sk_ and belongs to this environment'
        $e.ToString() | Should -Match 'Connect-WorkOS -ApiKey'
        $e.ToString() | Should -Match 'request id'
    }

    It 'refuses a publishable key before any request, naming the parameter' {
        $e = { Connect-WorkOS -ApiKey 'pk_test_fake' -BaseUri 'http://127.0.0.1:9/' } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
        $e.ToString() | Should -Match '^-ApiKey is a publishable key'
    }

    It 'refuses plain http to a non-loopback address' {
        $e = { Connect-WorkOS -ApiKey $key -BaseUri 'http://api.workos.com' -SkipCheck } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
        $e.ToString() | Should -Match "^-BaseUri 'http://api.workos.com' is refused. The API key is only sent over https"
    }

    It 'checks only the shape with -SkipValidation (alias -SkipCheck), sending nothing' {
        $before = @(Get-EmulatorRequest $emulator).Count
        Connect-WorkOS -ApiKey $key -BaseUri $emulator.BaseUri -SkipValidation
        Connect-WorkOS -ApiKey $key -BaseUri $emulator.BaseUri -SkipCheck
        @(Get-EmulatorRequest $emulator).Count | Should -Be $before
        ({ Connect-WorkOS -ApiKey 'sk_test_' -SkipValidation } | Should -Throw -PassThru).ToString() | Should -BeLike '-ApiKey has no secret part*'
    }

    It 'shows the session default with Get-WorkOSContext, and nothing when not connected' {
        Get-WorkOSContext | Should -BeNullOrEmpty
        Connect-WorkOS -ApiKey $key -BaseUri $emulator.BaseUri -MaxRetries 2 -TimeoutSec 30 -RateLimit 600
        $context = Get-WorkOSContext
        $context -is [WorkOSDomains.WorkOSContext] | Should -BeTrue
        $context.BaseUri | Should -Be $emulator.BaseUri
        $context.Environment | Should -Be 'staging'
        $context.KeyHint | Should -Be 'sk_test_***'
        $context.MaxRetries | Should -Be 2
        $context.RequestTimeout | Should -Be ([timespan]::FromSeconds(30))
        $context.RateLimit | Should -Be 600
        ($context | Out-String) | Should -Match 'KeyHint\s*:\s*sk_test_\*\*\*'
        ($context | Out-String) | Should -Not -Match 'fake_pester'
        Get-WorkOSOrganization -Connection $context.Connection | Should -Not -BeNullOrEmpty
        Disconnect-WorkOS
        Get-WorkOSContext | Should -BeNullOrEmpty
    }

    It 'keeps its default to the runspace that connected' {
        Connect-WorkOS -ApiKey $key -BaseUri $emulator.BaseUri
        @(Get-WorkOSOrganization).Count | Should -Be 2
        # Another runspace in the same process, as another Azure Automation job would be.
        $other = [powershell]::Create()
        try {
            $null = $other.AddScript("Import-Module '$ModulePath'; Get-WorkOSOrganization")
            $output = $other.Invoke()
            $output.Count | Should -Be 0
            $other.Streams.Error[0].ToString() | Should -BeLike '-ApiKey was not given. Run Connect-WorkOS*'
        }
        finally { $other.Dispose() }
    }
}

Describe 'Get-WorkOSOrganization' {
    BeforeAll { Connect-WorkOS -ApiKey $key -BaseUri $emulator.BaseUri }
    AfterAll { Disconnect-WorkOS }

    It 'filters by domain' {
        $found = @(Get-WorkOSOrganization -Domain 'fabrikam.example')
        $found.Name | Should -Be @('Fabrikam Inc')
        $found[0].Domains[0].State | Should -Be 'pending'
    }

    It 'gets by id from the pipeline, by value and by property name' {
        $ids = Get-WorkOSOrganization | ForEach-Object Id
        (@($ids | Get-WorkOSOrganization).Id) | Should -Be $ids
        ([pscustomobject]@{ OrganizationId = $ids[0] } | Get-WorkOSOrganization).Id | Should -Be $ids[0]
    }

    It 'reports a missing id as a non-terminating error and returns the rest' {
        $ids = @('org_missing') + (Get-WorkOSOrganization -First 1).Id
        $found = @($ids | Get-WorkOSOrganization -ErrorVariable failures -ErrorAction SilentlyContinue)
        $found.Count | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.NotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'org_missing'
    }

    It 'gets by external id' {
        (Get-WorkOSOrganization -ExternalId 'crm-1002').Name | Should -Be 'Fabrikam Inc'
    }

    It 'stops fetching once -First is satisfied, paging with -PageSize' {
        $verbose = Get-WorkOSOrganization -PageSize 1 -First 1 -Verbose 4>&1
        @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*GET /organizations*' }).Count | Should -Be 1
        @($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 1
        @(Get-WorkOSOrganization -PageSize 1).Count | Should -Be 2
        @(Get-WorkOSOrganization -Skip 1).Count | Should -Be 1
    }

    It 'refuses a bad domain before any request' {
        $e = { Get-WorkOSOrganization -Domain 'https://contoso.example/' } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
        $e.ToString() | Should -Match "^-Domain 'https://contoso.example/' looks like a URL. Give only the domain name, e.g. 'contoso.example'"
    }

    It 'stops an in-flight request at once on Ctrl+C (StopProcessing)' {
        Add-Fault @{ kind = 'stall'; count = 1; stall_milliseconds = 30000 }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModulePath'; Get-WorkOSOrganization -ApiKey '$key' -BaseUri '$($emulator.BaseUri)'")
            $async = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 500
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 1.5
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'The API key' {
    It 'never appears in output, errors, verbose text or a transcript' {
        $secret = 'sk_test_fake_transcriptcheck'
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "workos-transcript-$([guid]::NewGuid().ToString('N')).txt"
        Start-Transcript -Path $transcript
        try {
            $connection = Connect-WorkOS -ApiKey $key -BaseUri $emulator.BaseUri -PassThru -Verbose
            $connection | Format-List * | Out-String | Write-Host
            $connection | Out-String | Write-Host
            Get-WorkOSOrganization -Verbose | Out-String | Write-Host
            try { Connect-WorkOS -ApiKey $secret -BaseUri $emulator.BaseUri -Verbose } catch { $_ | Format-List * -Force | Out-String | Write-Host; $_.Exception.ToString() | Write-Host }
            try { Get-WorkOSOrganization -ApiKey $secret -BaseUri $emulator.BaseUri -Verbose } catch { $_ | Out-String | Write-Host }
        }
        finally { Stop-Transcript }
        $text = Get-Content $transcript -Raw
        Remove-Item $transcript
        $text | Should -Match 'GET /organizations' # the verbose diagnostics were captured
        $text | Should -Match 'sk_test_\*\*\*'
        $text | Should -Not -Match 'transcriptcheck'
        $text | Should -Not -Match 'fake_pester'
        Disconnect-WorkOS
    }
}
