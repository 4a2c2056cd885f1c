# The packages build.ps1 Package makes (tools/Build-Package.ps1): the Gallery .nupkg published to
# and installed from a local PSResourceGet repository, and the Azure Automation zip unpacked and
# imported, each in a fresh pwsh. Nothing is installed outside a temporary folder.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $manifest = Import-PowerShellDataFile $ModulePath
    $packer = Join-Path $PSScriptRoot '../../tools/Build-Package.ps1'
    $work = Join-Path ([IO.Path]::GetTempPath()) "workos-packages-$([guid]::NewGuid().ToString('N'))"
    $packages = & $packer -ModuleFolder (Split-Path $ModulePath) -OutputFolder (Join-Path $work 'packages')

    function Get-ZipEntryName([string] $Path) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try { @($zip.Entries.FullName) } finally { $zip.Dispose() }
    }
}

AfterAll {
    Remove-Item $work -Recurse -Force -ErrorAction Ignore
}

Describe 'The PowerShell Gallery package' {
    It 'is named after the module and the manifest version, with the module at its root' {
        Split-Path $packages.Gallery -Leaf | Should -Be "WorkOSDomains.$($manifest.ModuleVersion).nupkg"
        $entries = Get-ZipEntryName $packages.Gallery
        foreach ($entry in 'WorkOSDomains.nuspec', '[Content_Types].xml', '_rels/.rels', 'WorkOSDomains.psd1', 'WorkOSDomains.dll',
            'en-US/WorkOSDomains.dll-Help.xml', 'en-US/about_WorkOSWebhooks.help.txt', 'Dependencies/WorkOSDomains.Engine.dll', 'Dependencies/dependencies.txt') {
            $entries | Should -Contain $entry
        }
        $entries -like '*\*' | Should -BeNullOrEmpty
    }

    It 'has a nuspec made from the manifest, with the tags PSResourceGet and the Gallery search' {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($packages.Gallery)
        try {
            $reader = [IO.StreamReader]::new($zip.GetEntry('WorkOSDomains.nuspec').Open())
            $nuspec = ([xml]$reader.ReadToEnd()).package.metadata
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $nuspec.id | Should -BeExactly 'WorkOSDomains'
        $nuspec.version | Should -Be $manifest.ModuleVersion
        $nuspec.authors | Should -Be $manifest.Author
        $nuspec.owners | Should -Be $manifest.CompanyName
        $nuspec.description | Should -Be $manifest.Description
        $nuspec.copyright | Should -Be $manifest.Copyright
        $nuspec.licenseUrl | Should -Be $manifest.PrivateData.PSData.LicenseUri
        $nuspec.projectUrl | Should -Be $manifest.PrivateData.PSData.ProjectUri
        $nuspec.releaseNotes | Should -Be $manifest.PrivateData.PSData.ReleaseNotes
        $tags = $nuspec.tags -split ' '
        foreach ($tag in @('PSModule', 'PSIncludes_Cmdlet') + $manifest.PrivateData.PSData.Tags) { $tags | Should -Contain $tag }
        foreach ($cmdlet in $manifest.CmdletsToExport) {
            $tags | Should -Contain "PSCmdlet_$cmdlet"
            $tags | Should -Contain "PSCommand_$cmdlet"
        }
    }

    It 'is published to a local repository, installed from it and imported by name in a fresh pwsh' {
        if ($IsWindows) {
            # PSResourceGet keeps its repository list and CurrentUser modules in the Windows profile,
            # which no environment variable moves; this test never writes there.
            Set-ItResult -Skipped -Because 'a temporary PSResourceGet home can only be set up on Linux and macOS'
            return
        }
        $testHome = Join-Path $work 'home'
        $repository = New-Item -ItemType Directory (Join-Path $work 'repository')
        # The child's home, where PSResourceGet keeps its repository list and installs CurrentUser
        # modules, and where pwsh looks for them. The folders must exist, or .NET reports no folder.
        $environment = @{ HOME = $testHome; XDG_DATA_HOME = "$testHome/.local/share"; XDG_CONFIG_HOME = "$testHome/.config"; XDG_CACHE_HOME = "$testHome/.cache" }
        $saved = @{}
        foreach ($name in $environment.Keys) {
            $null = New-Item -ItemType Directory -Force $environment[$name]
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $environment[$name])
        }
        try {
            $run = Invoke-FreshPwsh -Parameters @{ Repository = $repository.FullName; Nupkg = $packages.Gallery } -Script @'
param($Repository, $Nupkg)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name WorkOSDomainsLocal -Uri $Repository -Trusted
if (-not (Test-Path "$env:XDG_DATA_HOME/PSResourceGet/PSResourceRepository.xml")) { throw 'PSResourceGet keeps its repositories outside the test home.' }
Publish-PSResource -NupkgPath $Nupkg -Repository WorkOSDomainsLocal
$found = Find-PSResource -Name WorkOSDomains -Repository WorkOSDomainsLocal
Install-PSResource -Name WorkOSDomains -Repository WorkOSDomainsLocal -Scope CurrentUser -TrustRepository
Import-Module WorkOSDomains
$module = Get-Module WorkOSDomains
$record = Get-WorkOSDnsRecord -Domain contoso.example -Token fake_token_for_tests
[pscustomobject]@{
    Published  = @(Get-ChildItem $Repository -Name)
    Found      = "$($found.Version)"
    Version    = "$($module.Version)"
    ModuleBase = $module.ModuleBase
    Files      = @(Get-ChildItem $module.ModuleBase -Name)
    RecordName = $record.Name
    Synopsis   = (Get-Help Get-WorkOSDnsRecord).Synopsis
} | ConvertTo-Json -Compress
'@
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Result.Published | Should -Be "WorkOSDomains.$($manifest.ModuleVersion).nupkg"
        $run.Result.Found | Should -Be $manifest.ModuleVersion
        $run.Result.Version | Should -Be $manifest.ModuleVersion
        $run.Result.ModuleBase | Should -BeLike "$testHome/.local/share/powershell/Modules/WorkOSDomains/*"
        $run.Result.Files | Should -Contain 'WorkOSDomains.psd1'
        $run.Result.Files | Should -Not -Contain 'WorkOSDomains.nuspec'
        $run.Result.RecordName | Should -Be '_workos-challenge.contoso.example'
        $run.Result.Synopsis | Should -Match '^Shows the TXT record'
    }
}

Describe 'The Azure Automation zip' {
    It 'has one root folder named like the zip and the manifest, short paths and a small size' {
        Split-Path $packages.Automation -Leaf | Should -Be 'WorkOSDomains.zip'
        $entries = Get-ZipEntryName $packages.Automation
        $entries | Should -Contain 'WorkOSDomains/WorkOSDomains.psd1'
        $entries | Where-Object { $_ -notlike 'WorkOSDomains/*' } | Should -BeNullOrEmpty
        $entries -like '*\*' | Should -BeNullOrEmpty
        $entries | Where-Object Length -GT 140 | Should -BeNullOrEmpty
        (Get-Item $packages.Automation).Length | Should -BeLessThan 100MB
    }

    It 'imports from its unpacked root folder in a fresh pwsh and runs a cmdlet' {
        $unpacked = Join-Path $work 'automation'
        Expand-Archive $packages.Automation -DestinationPath $unpacked
        $run = Invoke-FreshPwsh -Parameters @{ Path = (Join-Path $unpacked 'WorkOSDomains') } -Script @'
param($Path)
$ErrorActionPreference = 'Stop'
$module = Import-Module $Path -PassThru
$record = Get-WorkOSDnsRecord -Domain contoso.example -Token fake_token_for_tests -Format Bind
[pscustomobject]@{ Name = $module.Name; Version = "$($module.Version)"; Record = $record; About = [bool](Get-Help about_WorkOSWebhooks) } | ConvertTo-Json -Compress
'@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Result.Name | Should -Be 'WorkOSDomains'
        $run.Result.Version | Should -Be $manifest.ModuleVersion
        $run.Result.Record | Should -Match '^_workos-challenge\.contoso\.example\.\s+300\s+IN\s+TXT\s+"fake_token_for_tests"$'
        $run.Result.About | Should -BeTrue
    }
}

Describe 'Build-Package.ps1' {
    BeforeEach {
        $copy = Join-Path $work "copy-$([guid]::NewGuid().ToString('N'))/$($manifest.ModuleVersion)"
        $null = New-Item -ItemType Directory -Force $copy
        Copy-Item (Join-Path (Split-Path $ModulePath) '*') $copy -Recurse
    }

    It 'refuses a path longer than Azure Automation takes' {
        $null = New-Item -ItemType File (Join-Path $copy ('x' * 130 + '.txt'))
        { & $packer -ModuleFolder $copy -OutputFolder (Join-Path $work 'refused') } | Should -Throw '*over 140 characters*'
    }

    It 'refuses a manifest whose version the assemblies do not carry' {
        $psd1 = Join-Path $copy 'WorkOSDomains.psd1'
        (Get-Content $psd1 -Raw) -replace "ModuleVersion(\s*)=\s*'[^']*'", "ModuleVersion`$1= '9.9.9'" | Set-Content $psd1
        $renamed = Join-Path (Split-Path $copy) '9.9.9'
        Rename-Item $copy $renamed
        { & $packer -ModuleFolder $renamed -OutputFolder (Join-Path $work 'refused') } | Should -Throw '*but the manifest says 9.9.9*'
    }
}
