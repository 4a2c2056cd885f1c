# The module's load paths on the two runtimes of Azure Automation that cannot run here, exercised
# by host harnesses (tests/hosts) that load the built module folder as those hosts do:
#   - Windows PowerShell 5.1 (.NET Framework 4.7.2): a net472 harness under Mono, with another
#     module's Microsoft.Extensions 6, 8 or 10 (an older patch than ours, as Az.Accounts ships it),
#     System.Text.Json 8 or 10, System.Memory and DnsClient 1.6 loaded first;
#   - PowerShell 7.4 (.NET 8): a self-contained net8.0 harness with Microsoft.Extensions 8 in the
#     default load context.
# Each harness drives the engine against the emulator (with faults) and Knot, and reports what it
# saw as one JSON line; the assertions are here. What this proves and what it does not:
# docs/dependency-isolation.md. build.ps1 Test publishes the harnesses to out/hosts; to run this
# file alone, run build.ps1 Test once (or its publish lines) first.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../dns/KnotLab.psm1') -Force
    $hosts = Join-Path (Split-Path $ConflictsPath) 'hosts' # build.ps1 Test publishes the harnesses there
    $moduleFolder = Split-Path $ModulePath
    # The module's assemblies carry the manifest's version (build.ps1 stamps it from there).
    $assemblyVersion = "$((Import-PowerShellDataFile $ModulePath).ModuleVersion).0"
    $zone = 'hosts.test'
    $knot = Start-KnotServer -Zone @{ $zone = '' }
    # The emulator verifies domains by asking Knot, as WorkOS asks the internet.
    $emulator = Start-WorkOSEmulator -Path $EmulatorPath -ArgumentList '--seed', (Join-Path $PSScriptRoot '../../samples/emulator-seed.json'), '--dns-server', $knot.EndPoint

    function Invoke-HostHarness([string[]] $Command, [string] $Label, [string[]] $Extra = @()) {
        $arguments = @('--module', $moduleFolder, '--base-uri', $emulator.BaseUri, '--knot', $knot.EndPoint,
            '--knot-folder', $knot.Folder, '--zone', $zone, '--label', $Label) + $Extra
        $output = & $Command[0] @($Command | Select-Object -Skip 1) @arguments 2>&1 | ForEach-Object ToString
        $line = $output | Where-Object { $_ -like 'HOSTREPORT *' } | Select-Object -Last 1
        if (-not $line) { throw "The harness '$($Command -join ' ')' wrote no report (exit code $LASTEXITCODE):`n$($output -join "`n")" }
        $line.Substring('HOSTREPORT '.Length) | ConvertFrom-Json
    }

    # The engine calls every harness makes (tests/hosts/shared/EngineScenario.cs).
    function Assert-EngineCalls($ours) {
        $ours.organizations | Should -Be 2
        @($ours.http -like 'GET /organizations?limit=100 -> 503 *attempt 1*').Count | Should -Be 1
        @($ours.http -like 'GET /organizations?limit=100 -> 200 *attempt 2*').Count | Should -Be 1 -Because 'the 503 with Retry-After is retried'
        @($ours.http -like 'POST /organization_domains -> connection failed*attempt 1*').Count | Should -Be 1
        @($ours.http -like 'POST /organization_domains -> 201 *attempt 2*').Count | Should -Be 1 -Because 'the reset after commit is retried'
        $ours.domainCopies | Should -Be 1 -Because 'the retried create returns the domain the first attempt made'
        $ours.createdState | Should -Be 'pending'
        $ours.dnsZone | Should -Be $zone
        $ours.dnsBefore | Should -Be 'Fail'
        $ours.dnsBeforeFindings | Should -Contain 'RecordMissing'
        $ours.dnsAfter | Should -Be 'Pass'
        @($ours.http -like 'POST /organization_domains/*/verify -> 503 *attempt 1*').Count | Should -Be 1
        $ours.verifiedState | Should -Be 'verified'
        $ours.modelAssembly | Should -BeLike "WorkOSDomains.Model * $(Join-Path $moduleFolder 'WorkOSDomains.Model.dll')"
    }
}

AfterAll {
    if ($emulator) { $emulator | Stop-WorkOSEmulator }
    if ($knot) { $knot | Stop-KnotServer }
}

Describe 'Windows PowerShell 5.1 load path, under Mono, after another module loaded <Set>' -ForEach @(
    @{ Set = 'extensions6'; Major = 6 }
    @{ Set = 'extensions8'; Major = 8 }
    @{ Set = 'extensions10'; Major = 10 }
) {
    BeforeAll {
        $mono = Get-Command mono -CommandType Application -ErrorAction Ignore | Select-Object -First 1
        if (-not $mono) { throw 'mono is not on PATH. Install it (Debian: apt-get install mono-runtime mono-devel); .ci/run does this.' }
        # mono-runtime alone lacks the .NET Standard facades that .NET Framework 4.7.2 has built in.
        $facades = Join-Path (Split-Path (Split-Path $mono.Source)) 'lib/mono/4.5/Facades/netstandard.dll'
        if (-not (Test-Path $facades)) { throw "Mono has no $facades. Install mono-devel (Debian: apt-get install mono-devel); .ci/run does this." }
        $r = Invoke-HostHarness -Command $mono.Source, (Join-Path $hosts 'desktop-net472/WorkOSDomains.DesktopHost.exe') -Label "desktop-$Set" `
            -Extra '--theirs', (Join-Path $hosts "neighbours/$Set")
    }

    It 'imports through the module''s own initializer, which takes the AppDomain.AssemblyResolve path on Mono' {
        $r.errors | Should -BeNullOrEmpty
        $r.runtime | Should -BeLike 'Mono *'
        $r.initializers | Should -Be 'WorkOSDomains.Loading.ModuleInitializer'
        $r.resolver | Should -Be 'DesktopResolver'
        $r.engine | Should -Be "$assemblyVersion ours"
    }

    It 'lists organizations, claims and verifies a domain through faults, and checks it on Knot' {
        Assert-EngineCalls $r.ours
    }

    It 'loads one engine and one object model, the one RequiredAssemblies loaded' {
        $r.engineCopies | Should -Be 1
        $r.modelCopies | Should -Be 1
        $r.oursBind.'WorkOSDomains.Model' | Should -Be "$assemblyVersion module"
    }

    It 'binds our references to one copy of each of Microsoft.Extensions 10, System.Text.Json 10 and DnsClient 1.8' {
        foreach ($name in 'Microsoft.Extensions.Http', 'Microsoft.Extensions.Options', 'Microsoft.Extensions.DependencyInjection',
            'Microsoft.Extensions.DependencyInjection.Abstractions', 'Microsoft.Extensions.Logging', 'Microsoft.Extensions.Logging.Abstractions',
            'Microsoft.Extensions.Primitives', 'System.Diagnostics.DiagnosticSource', 'Microsoft.Bcl.AsyncInterfaces',
            'System.Text.Json', 'System.Text.Encodings.Web', 'System.IO.Pipelines') {
            if ($Major -eq 10) {
                # A neighbour of the same major version answers first for what it ships (see the next
                # test); a name only its copies reference may then not be bound by ours at all.
                if ($r.oursBind.$name) { $r.oursBind.$name | Should -Match '^10\.\S+ (ours|theirs)$' }
            }
            else {
                $r.oursBind.$name | Should -BeLike '10.* ours' -Because "our $name comes from our Dependencies folder"
            }
        }
        foreach ($property in $r.oursBind.PSObject.Properties | Where-Object Name -ne '!') {
            @($property.Value).Count | Should -Be 1 -Because "every reference to $($property.Name) binds to the same copy, so its types never split"
        }
        $r.oursBind.DnsClient | Should -Be '1.8.0.0 ours'
        # The cmdlet assembly's reference to System.Runtime.Loader serves only the .NET path.
        $r.oursBind.'!' | Should -Be @("WorkOSDomains: Could not load file or assembly 'System.Runtime.Loader, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a' or one of its dependencies.")
    }

    It 'gets from the other module''s resolver, subscribed first, only what it has in our major version, and polyfills' {
        # Windows PowerShell's limit: the first AssemblyResolve handler to answer wins. An Az.Accounts-style
        # handler answers System.Memory in any version and anything it has in the same major.
        $polyfills = 'System.Memory', 'System.Buffers', 'System.Runtime.CompilerServices.Unsafe', 'System.Threading.Tasks.Extensions', 'System.Numerics.Vectors'
        foreach ($answer in $r.theirsAnsweredForOthers) {
            $name, $version = ($answer -split ' ')[0, 1]
            if ($name -notin $polyfills) {
                $Major | Should -Be 10 -Because "only a neighbour with Microsoft.Extensions 10 may answer $answer"
                $version | Should -BeLike '10.*'
            }
        }
        if ($Major -eq 10) { @($r.theirsAnsweredForOthers -like 'Microsoft.Extensions.*').Count | Should -BeGreaterThan 0 }
    }

    It 'never hands our copies to another module''s requests, nor to a load by name of another major version' {
        foreach ($property in $r.foreignRequester.PSObject.Properties) {
            $property.Value | Should -Be 'not answered' -Because "a request for $($property.Name) from another module's assembly is not ours to answer"
        }
        @($r.foreignRequester.PSObject.Properties).Count | Should -BeGreaterThan 10
        foreach ($property in $r.otherMajorByName.PSObject.Properties) {
            $property.Value | Should -Not -BeLike '* ours' -Because "$($property.Name) asks for another major version than ours"
        }
        @($r.otherMajorByName.PSObject.Properties).Count | Should -BeGreaterThan 10
    }

    It 'leaves the other module working with its own versions, before and after ours ran' {
        foreach ($use in $r.theirsBefore, $r.theirsAfter) {
            $use.health | Should -BeTrue
            $use.container | Should -BeLike "Microsoft.Extensions.DependencyInjection $Major.* $(Join-Path $hosts "neighbours/$Set")*"
            $use.httpFactory | Should -BeLike "Microsoft.Extensions.Http $Major.*"
            $use.dnsAnswers | Should -BeGreaterThan 0
            $use.dnsAssembly | Should -BeLike 'DnsClient 1.6.1.0 *'
            if ($Set -eq 'extensions8') { $use.json | Should -Be '{"theirs":8}' }
        }
        foreach ($property in $r.theirsBind.PSObject.Properties) {
            $property.Value | Should -Not -BeLike '* ours' -Because "their $($property.Name) must never bind to our copy"
        }
        $r.theirsBind.'Microsoft.Extensions.Options' | Should -BeLike "$Major.* theirs"
    }

    It 'stops resolving when OnRemove unhooks, and resolves again after a second OnImport' {
        $r.resolverAfterRemove | Should -Be 'none'
        $unanswered = @($r.probeAfterRemove.PSObject.Properties | Where-Object Value -eq 'not found')
        # The Microsoft.Extensions 10 neighbour answers every name we ship, so there no load can
        # tell whether ours is hooked; the other sets show it.
        if ($Major -ne 10) { $unanswered.Count | Should -BeGreaterThan 0 -Because 'a dependency nothing loaded yet is no longer found' }
        $r.resolverAfterReimport | Should -Be 'DesktopResolver'
        foreach ($name in $unanswered.Name) { $r.probeAfterReimport.$name | Should -BeLike '* ours' }
    }
}

Describe 'PowerShell 7.4 load path, on .NET 8, with Microsoft.Extensions 8 in the default context' {
    BeforeAll {
        $r = Invoke-HostHarness -Command (Join-Path $hosts 'core-net8/WorkOSDomains.CoreHost') -Label 'core-net8'
        function Get-Copy([string] $Name, [string] $Side) { $r.copies.$Name.$Side }
    }

    It 'imports through the module''s own initializer, which takes the AssemblyLoadContext path' {
        $r.errors | Should -BeNullOrEmpty
        $r.runtime | Should -BeLike '.NET 8.*'
        $r.resolver | Should -Be 'CoreResolver'
        $r.engine | Should -Be "$assemblyVersion EngineLoadContext ours"
    }

    It 'lists organizations, claims and verifies a domain through faults, and checks it on Knot' {
        Assert-EngineCalls $r.ours
    }

    It 'loads one engine and shares the object model of the default context' {
        $r.engineCopies | Should -Be 1
        $r.modelCopies | Should -Be 1
        $r.modelShared | Should -BeTrue
    }

    It 'gives our engine its own Microsoft.Extensions 10 and the host its 8' {
        foreach ($name in 'Microsoft.Extensions.Http', 'Microsoft.Extensions.Options', 'Microsoft.Extensions.DependencyInjection',
            'Microsoft.Extensions.DependencyInjection.Abstractions', 'Microsoft.Extensions.Logging', 'Microsoft.Extensions.Logging.Abstractions',
            'Microsoft.Extensions.Primitives') {
            Get-Copy $name ours | Should -BeLike '10.* -> 10.* EngineLoadContext ours'
            Get-Copy $name theirs | Should -BeLike '8.* -> 8.* DefaultAssemblyLoadContext app'
        }
        Get-Copy DnsClient ours | Should -Be '1.8.0.0 -> 1.8.0.0 EngineLoadContext ours'
    }

    It 'uses our copy where the framework''s is older: System.Text.Json, Encodings.Web, DiagnosticSource (8 < 10)' {
        foreach ($name in 'System.Text.Json', 'System.Text.Encodings.Web', 'System.Diagnostics.DiagnosticSource') {
            Get-Copy $name ours | Should -BeLike '10.* -> 10.* EngineLoadContext ours'
            Get-Copy $name theirs | Should -BeLike '8.0.0.0 -> 8.0.0.0 DefaultAssemblyLoadContext app'
        }
    }

    It 'uses the framework''s copy where it is the same or newer: System.Memory, System.Buffers, Unsafe (8.0 > 4.x, 6.0)' {
        foreach ($name in 'System.Memory', 'System.Buffers', 'System.Runtime.CompilerServices.Unsafe') {
            Get-Copy $name ours | Should -BeLike '* -> 8.0.0.0 DefaultAssemblyLoadContext app'
        }
    }

    It 'leaves the host''s stack working, before and after ours ran' {
        foreach ($use in $r.theirsBefore, $r.theirsAfter) {
            $use.health | Should -BeTrue
            $use.container | Should -BeLike '8.*'
            $use.httpFactory | Should -BeLike '8.*'
            $use.json | Should -BeLike '8.*'
        }
    }

    It 'stops resolving the engine when OnRemove unhooks, and finds the same engine after a second OnImport' {
        $r.engineBeforeRemove | Should -Be "$assemblyVersion EngineLoadContext ours same"
        $r.resolverAfterRemove | Should -Be 'none'
        $r.engineAfterRemove | Should -Be 'not found'
        $r.engineAfterReimport | Should -Be "$assemblyVersion EngineLoadContext ours same"
    }
}
