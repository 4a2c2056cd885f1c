# The built module as a whole: manifest, exports, conventions, help, and broken installs.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeDiscovery {
    $manifest = Import-PowerShellDataFile $ModulePath
    $cmdletCases = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
    $aboutCases = @(Get-ChildItem (Join-Path $PSScriptRoot '../../docs/about') -Filter 'about_*.md' | ForEach-Object { @{ Topic = $_.BaseName } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-Module $ModulePath -Force -PassThru
    $manifest = Import-PowerShellDataFile $ModulePath

    # The text lines of one section of a help source (no headings, fences or code), trimmed.
    function Get-MarkdownLine([string] $Path, [string] $Section) {
        $inSection = $false; $inFence = $false
        foreach ($line in Get-Content $Path) {
            if ($line -match '^```') { $inFence = -not $inFence; continue }
            if ($inFence) { continue }
            if ($line -match '^## (.+)') { $inSection = $Matches[1].Trim() -eq $Section; continue }
            if ($inSection -and $line.Trim() -and $line -notmatch '^###? ' -and $line -notmatch '\]\(') { $line.Trim() }
        }
    }
    function Get-TextLine([object[]] $Paragraphs) { @($Paragraphs.Text -join "`n" -split "`n" | ForEach-Object Trim) }
}

AfterAll {
    Remove-Module WorkOSDomains -ErrorAction Ignore
}

Describe 'The manifest' {
    It 'passes Test-ModuleManifest' {
        $tested = Test-ModuleManifest $ModulePath -ErrorAction Stop
        $tested.Name | Should -Be 'WorkOSDomains'
        $tested.RootModule | Should -Be 'WorkOSDomains.dll'
    }

    It 'targets Windows PowerShell 5.1 and PowerShell 7' {
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        $manifest.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Desktop'
        $manifest.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Core'
        foreach ($os in 'Windows', 'Linux', 'MacOS') { $manifest.PrivateData.PSData.Tags | Should -Contain $os }
    }

    It 'exports exactly the cmdlets it lists, without wildcards' {
        $manifest.CmdletsToExport | Should -Not -Contain '*'
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'has a license and release notes' {
        Join-Path (Split-Path $ModulePath) 'LICENSE' | Should -Exist
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
    }
}

Describe '<Name>' -ForEach $cmdletCases {
    BeforeAll { $command = Get-Command $Name -Module WorkOSDomains }

    It 'uses an approved verb and the WorkOS noun prefix' {
        (Get-Verb).Verb | Should -Contain $command.Verb
        $command.Noun | Should -BeLike 'WorkOS*'
    }

    It 'declares its output type' {
        $command.OutputType | Should -Not -BeNullOrEmpty
    }

    It 'has help with a synopsis, a description, examples and every parameter described' {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeLike "*$Name*[[]*" # not the generated syntax line
        $help.Description.Text | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        $help.Examples.Example[0].Code | Should -Match $Name
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $shown = $command.Parameters.Values | Where-Object { $_.Name -notin $common -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }) }
        foreach ($p in $shown.Name) {
            $described = $help.Parameters.Parameter | Where-Object Name -eq $p
            $described.Description.Text | Should -Not -BeNullOrEmpty -Because "-$p needs a description"
        }
    }

    It 'names its input types, and the output types its [OutputType] declares' {
        $help = Get-Help $Name -Full
        @($help.inputTypes.inputType.type.name | Where-Object { $_ }).Count | Should -BeGreaterThan 0
        $declared = $command.OutputType.Name | ForEach-Object { if ($_ -eq 'System.Void') { 'None' } else { $_ } }
        @($help.returnValues.returnValue.type.name | Sort-Object -Unique) | Should -Be @($declared | Sort-Object -Unique)
        Get-TextLine $help.returnValues.returnValue.description | Where-Object { $_ } | Should -Not -BeNullOrEmpty
    }

    It 'has related links, and those to this module lead somewhere' {
        $links = @((Get-Help $Name -Full).relatedLinks.navigationLink.linkText | Where-Object { $_ })
        $links.Count | Should -BeGreaterThan 0
        foreach ($link in $links -like '*-WorkOS*') { $manifest.CmdletsToExport | Should -Contain $link }
        foreach ($link in $links -like 'about_WorkOS*') { Get-Help $link -ErrorAction Stop | Out-String | Should -Match $link }
    }

    It 'keeps the line breaks and lists of its description and example remarks' {
        $help = Get-Help $Name -Full
        $source = Join-Path $PSScriptRoot "../../docs/help/$Name.md"
        $description = Get-TextLine $help.Description
        foreach ($line in Get-MarkdownLine $source 'DESCRIPTION') { $description | Should -Contain $line }
        $remarks = Get-TextLine @($help.Examples.Example.Remarks)
        foreach ($line in Get-MarkdownLine $source 'EXAMPLES') { $remarks | Should -Contain $line }
    }
}

Describe '<Topic>' -ForEach $aboutCases {
    It 'is shown by Get-Help' {
        $text = Get-Help $Topic | Out-String
        $text | Should -Match "TOPIC\s+$Topic"
        $text | Should -Match 'SHORT DESCRIPTION\s+\S'
        $text | Should -Match 'LONG DESCRIPTION\s+\S'
    }
}

Describe 'A broken install' {
    BeforeEach {
        $copy = Join-Path ([IO.Path]::GetTempPath()) "WorkOSDomains-broken-$([guid]::NewGuid().ToString('N'))"
        Copy-Item (Split-Path $ModulePath) $copy -Recurse
        $copiedManifest = Join-Path $copy 'WorkOSDomains.psd1'
    }
    AfterEach { Remove-Item $copy -Recurse -Force -ErrorAction Ignore }

    It 'with a missing dependency fails at import, naming the file and the module folder' {
        Remove-Item (Join-Path $copy 'Dependencies/Microsoft.Extensions.Options.dll')
        $run = Invoke-FreshPwsh -Script 'param($Path) $ErrorActionPreference = ''Stop''; Import-Module $Path' -Parameters @{ Path = $copiedManifest }
        $run.ExitCode | Should -Not -Be 0
        $run.Output | Should -Match "'Microsoft\.Extensions\.Options\.dll' is missing"
        $run.Output | Should -Match ([regex]::Escape($copy))
    }

    It 'with a dependency of another version fails at import, naming the file and both versions' {
        $options = Get-ChildItem (Join-Path $ConflictsPath 'older/Microsoft.Extensions.Options.dll')
        Copy-Item $options.FullName (Join-Path $copy 'Dependencies/Microsoft.Extensions.Options.dll') -Force
        $run = Invoke-FreshPwsh -Script 'param($Path) $ErrorActionPreference = ''Stop''; Import-Module $Path' -Parameters @{ Path = $copiedManifest }
        $run.ExitCode | Should -Not -Be 0
        $run.Output | Should -Match 'Microsoft\.Extensions\.Options\.dll. is version 8\.0\.0\.0, but this module was built with 10\.'
    }

    It 'with a missing engine fails at import, naming it' {
        Remove-Item (Join-Path $copy 'Dependencies/WorkOSDomains.Engine.dll')
        $run = Invoke-FreshPwsh -Script 'param($Path) $ErrorActionPreference = ''Stop''; Import-Module $Path' -Parameters @{ Path = $copiedManifest }
        $run.ExitCode | Should -Not -Be 0
        $run.Output | Should -Match "'WorkOSDomains\.Engine\.dll' is missing"
    }
}
