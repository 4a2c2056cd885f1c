<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the WorkOSDomains module.
.DESCRIPTION
    Tasks (run in the order given):
      Build    compile and lay the module out in out/WorkOSDomains/<version>, ready to import
      Test     Build, then run the xunit and Pester tests; prints "N passed, N failed"
      Package  Build, then pack out/packages: WorkOSDomains.<version>.nupkg for the PowerShell
               Gallery and WorkOSDomains.zip for Azure Automation
      Demo     Build, then run the main job against the local WorkOS emulator
      Bench    Build, then run the benchmarks in bench/ and record their results
      Clean    remove out/ and every bin/ and obj/ folder
    Every task stops with a non-zero exit code when anything fails.
.EXAMPLE
    dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Bench', 'Clean')]
    [string[]] $Task = @('Build'),
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # With Bench: small sizes and single runs (under 3 minutes), results in out/bench-quick.
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$manifest = Import-PowerShellDataFile (Join-Path $root 'WorkOSDomains.psd1')
$version = $manifest.ModuleVersion
$moduleFolder = Join-Path $out "WorkOSDomains/$version"
$emulatorPath = Join-Path $root "tests/WorkOSDomains.Emulator/bin/$Configuration/net10.0/WorkOSDomains.Emulator.dll"
Import-Module (Join-Path $root 'tests/tools/Emulator.psm1') -Force

function Invoke-Native([scriptblock] $Command) {
    # Runs a native command and stops the build if it fails.
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "'$Command' failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Write-Host "Building WorkOSDomains $version ($Configuration)" -ForegroundColor Cyan
    Invoke-Native { dotnet build (Join-Path $root 'WorkOSDomains.sln') -c $Configuration -p:Version=$version --nologo -v:q -clp:NoSummary }
    $engineOut = Join-Path $out 'obj/engine'
    Invoke-Native { dotnet publish (Join-Path $root 'src/WorkOSDomains.Engine') -c $Configuration -p:Version=$version -o $engineOut --no-build --nologo -v:q }

    if (Test-Path $moduleFolder) { Remove-Item $moduleFolder -Recurse -Force }
    $dependencies = New-Item -ItemType Directory (Join-Path $moduleFolder 'Dependencies')
    $cmdletOut = Join-Path $root "src/WorkOSDomains/bin/$Configuration/netstandard2.0"
    # The cmdlets and the object model load in the default context, where scripts can name their types.
    Copy-Item (Join-Path $cmdletOut 'WorkOSDomains.*') -Include *.dll, *.pdb -Exclude 'WorkOSDomains.Engine.*' $moduleFolder
    Copy-Item (Join-Path $root 'WorkOSDomains.psd1'), (Join-Path $root 'LICENSE') $moduleFolder
    Copy-Item (Join-Path $root 'src/WorkOSDomains/WorkOSDomains.format.ps1xml') $moduleFolder
    # The engine and every dependency, where only our resolver looks (see docs/dependency-isolation.md).
    Copy-Item (Join-Path $engineOut '*.dll'), (Join-Path $engineOut 'WorkOSDomains.Engine.pdb') -Exclude 'WorkOSDomains.Model.dll' $dependencies
    # What the module checks at import: every assembly it ships, with its version.
    Get-ChildItem $dependencies -Filter *.dll | ForEach-Object {
        $name = [System.Reflection.AssemblyName]::GetAssemblyName($_.FullName)
        "$($name.Name) $($name.Version)"
    } | Set-Content (Join-Path $dependencies 'dependencies.txt')

    # Help is made from the built cmdlets' metadata, docs/help and docs/about, in a child process so
    # this one never loads the module.
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $root 'tools/Build-Help.ps1') `
        -ModuleFolder $moduleFolder -HelpSource (Join-Path $root 'docs/help') -AboutSource (Join-Path $root 'docs/about')
    if ($LASTEXITCODE -ne 0) { throw 'Building the help failed.' }
    Write-Host "Module ready: $moduleFolder" -ForegroundColor Green
}

function Invoke-Test {
    $results = New-Item -ItemType Directory -Force (Join-Path $out 'test-results')
    Invoke-Native { dotnet restore (Join-Path $root 'tests/tools/TestTools.csproj') --nologo -v:q }
    foreach ($set in 'older', 'newer') {
        Invoke-Native { dotnet publish (Join-Path $root "tests/conflicts/$set") -c Release -o (Join-Path $out "conflicts/$set") --nologo -v:q }
    }
    # The host harnesses of tests/pester/Hosts.Tests.ps1: Windows PowerShell 5.1 under Mono, PowerShell 7.4 on .NET 8.
    foreach ($project in 'desktop-net472', 'neighbours/extensions6', 'neighbours/extensions8', 'neighbours/extensions10', 'core-net8') {
        Invoke-Native { dotnet publish (Join-Path $root "tests/hosts/$project") -c Release -o (Join-Path $out "hosts/$project") --nologo -v:q }
    }

    Write-Host 'Running xunit tests' -ForegroundColor Cyan
    $trx = Join-Path $results 'xunit.trx'
    Remove-Item $trx -ErrorAction Ignore
    & dotnet test (Join-Path $root 'tests/WorkOSDomains.Tests') -c $Configuration --no-build --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal'
    if (-not (Test-Path $trx)) { throw 'The xunit run wrote no results: it did not start.' }
    $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    $xunitPassed = [int]$counters.passed
    $xunitFailed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted

    Write-Host 'Running Pester tests' -ForegroundColor Cyan
    $pester = Get-ChildItem (Join-Path (Get-NuGetPackageRoot) 'pester/5.7.1/tools/Pester.psd1')
    # Pester runs in a child process so the module under test never loads into this one.
    $pwsh = Get-PwshCommand
    $script = Join-Path $root 'tests/pester/Invoke-PesterRun.ps1'
    $summary = $null
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $script `
        -PesterPath $pester.FullName -ModulePath (Join-Path $moduleFolder 'WorkOSDomains.psd1') `
        -EmulatorPath $emulatorPath -ConflictsPath (Join-Path $out 'conflicts') -ResultPath (Join-Path $results 'pester.xml') |
        ForEach-Object { if ($_ -match '^PESTER (\d+) (\d+)$') { $summary = $Matches } else { Write-Host $_ } }
    if (-not $summary) { throw 'The Pester run ended without a summary: it crashed.' }
    $pesterPassed, $pesterFailed = [int]$summary[1], [int]$summary[2]

    $passed = $xunitPassed + $pesterPassed
    $failed = $xunitFailed + $pesterFailed
    Write-Host "xunit: $xunitPassed passed, $xunitFailed failed; Pester: $pesterPassed passed, $pesterFailed failed"
    Write-Output "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Get-NuGetPackageRoot {
    $line = & dotnet nuget locals global-packages --list
    if ($LASTEXITCODE -ne 0 -or $line -notmatch 'global-packages: (.+)$') { throw "Cannot find the NuGet package folder: $line" }
    $Matches[1].Trim()
}

function Invoke-Package {
    # The PowerShell Gallery package and the Azure Automation import zip, from the built module.
    $packages = & (Join-Path $root 'tools/Build-Package.ps1') -ModuleFolder $moduleFolder -OutputFolder (Join-Path $out 'packages')
    Write-Host "PowerShell Gallery: $($packages.Gallery)" -ForegroundColor Green
    Write-Host "Azure Automation:   $($packages.Automation)" -ForegroundColor Green
}

function Invoke-Demo {
    # The demo starts (and stops) the emulator and Knot itself: WorkOS's DNS check must ask the same server.
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -File (Join-Path $root 'samples/Invoke-Demo.ps1') `
        -ModulePath (Join-Path $moduleFolder 'WorkOSDomains.psd1') -EmulatorPath $emulatorPath
    if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
}

function Invoke-Bench {
    # The compiler servers a build leaves running would steal CPU from the measurements.
    Invoke-Native { dotnet build-server shutdown *> $null }
    # One benchmark that cannot run (a missing tool) does not keep the others from running.
    $failed = foreach ($bench in Get-ChildItem (Join-Path $root 'bench') -Filter 'Measure-*.ps1') {
        Write-Host "Benchmark $($bench.Name)" -ForegroundColor Cyan
        try { & $bench.FullName -ModulePath (Join-Path $moduleFolder 'WorkOSDomains.psd1') -Quick:$Quick }
        catch { Write-Host "$($bench.Name) failed: $_" -ForegroundColor Red; $bench.Name }
    }
    if ($failed) { throw "Benchmarks that failed: $($failed -join ', ')." }
}

function Invoke-Clean {
    Remove-Item $out -Recurse -Force -ErrorAction Ignore
    Get-ChildItem $root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
}

$script:built = $false
foreach ($name in $Task) {
    if ($name -ne 'Clean' -and $name -ne 'Build' -and -not $script:built) { Invoke-Build; $script:built = $true }
    switch ($name) {
        'Build' { Invoke-Build; $script:built = $true }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Clean' { Invoke-Clean }
    }
}
