<#
.SYNOPSIS
    Packs the built module for the PowerShell Gallery (WorkOSDomains.<version>.nupkg) and for Azure
    Automation (WorkOSDomains.zip), and writes their paths.
.DESCRIPTION
    Both packages hold the module folder that build.ps1 Build lays out, unchanged. Everything the
    packages say about the module comes from its manifest, whose ModuleVersion is the one place the
    version is set: build.ps1 stamps it into the assemblies, and this script refuses to pack when an
    assembly carries another version.

    The .nupkg is what Publish-PSResource and Install-PSResource read: the module's files at the
    root, a nuspec made from the manifest (id, version, authors, owners, description, copyright,
    license and project URLs, release notes, and tags: the manifest's own, PSModule, and
    PSIncludes_Cmdlet with PSCmdlet_<Name> and PSCommand_<Name> for every exported cmdlet, which
    Find-PSResource -CommandName searches), and the Open Packaging parts NuGet writes
    ([Content_Types].xml, _rels/.rels), which Install-PSResource removes again.

    WorkOSDomains.zip is what Azure Automation imports: one root folder named like the zip and the
    manifest (WorkOSDomains/WorkOSDomains.psd1), no path longer than 140 characters, and at most
    100 MB; the script stops when either limit is broken.
#>
[CmdletBinding()]
param(
    # The built module: out/WorkOSDomains/<version>.
    [Parameter(Mandatory)] [string] $ModuleFolder,
    [Parameter(Mandatory)] [string] $OutputFolder
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Add-Type -AssemblyName System.IO.Compression

$name = 'WorkOSDomains'
$maxAutomationPath = 140
$maxAutomationBytes = 100MB

$ModuleFolder = (Resolve-Path $ModuleFolder).ProviderPath
$manifest = Import-PowerShellDataFile (Join-Path $ModuleFolder "$name.psd1")
$psData = $manifest.PrivateData.PSData
$moduleVersion = [version]$manifest.ModuleVersion

# ---- One version: the manifest's, in the folder name and in every assembly of the module ----
if ((Split-Path $ModuleFolder -Leaf) -ne $manifest.ModuleVersion) {
    throw "The module folder '$ModuleFolder' is not named after the manifest's ModuleVersion $($manifest.ModuleVersion)."
}
$stamped = [version]::new($moduleVersion.Major, $moduleVersion.Minor, [Math]::Max($moduleVersion.Build, 0), [Math]::Max($moduleVersion.Revision, 0))
foreach ($assembly in "$name.dll", "$name.Model.dll", "Dependencies/$name.Engine.dll") {
    $version = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModuleFolder $assembly)).Version
    if ($version -ne $stamped) { throw "$assembly is version $version, but the manifest says $($manifest.ModuleVersion): build again with build.ps1 Build." }
}
if ($manifest['RequiredModules']) { throw 'The manifest lists RequiredModules; this script does not write nuspec dependencies yet.' }
$packageVersion = $manifest.ModuleVersion + $(if ($psData['Prerelease']) { "-$($psData.Prerelease)" })

$files = @(Get-ChildItem $ModuleFolder -Recurse -File | ForEach-Object {
        [pscustomobject]@{ Path = $_.FullName; Name = [IO.Path]::GetRelativePath($ModuleFolder, $_.FullName).Replace('\', '/') }
    })
$null = New-Item -ItemType Directory -Force $OutputFolder

function Add-ZipEntry([System.IO.Compression.ZipArchive] $zip, [string] $entryName, [byte[]] $content) {
    $stream = $zip.CreateEntry($entryName).Open()
    try { $stream.Write($content, 0, $content.Length) } finally { $stream.Dispose() }
}

function New-Zip([string] $path, [scriptblock] $fill) {
    Remove-Item $path -ErrorAction Ignore
    $zip = [System.IO.Compression.ZipFile]::Open($path, [System.IO.Compression.ZipArchiveMode]::Create)
    try { & $fill $zip } finally { $zip.Dispose() }
    Get-Item $path
}

function New-XmlPart([scriptblock] $write) {
    # UTF-8 without a byte order mark, as NuGet writes its parts.
    $stream = [IO.MemoryStream]::new()
    $w = [System.Xml.XmlWriter]::Create($stream, [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false) })
    $w.WriteStartDocument()
    & $write $w
    $w.WriteEndDocument()
    $w.Close()
    , $stream.ToArray()
}

# ---- The PowerShell Gallery package ----
$tags = [System.Collections.Generic.List[string]]::new()
foreach ($tag in @('PSModule') + @($psData.Tags) + @('PSIncludes_Cmdlet') + @($manifest.CmdletsToExport | ForEach-Object { "PSCmdlet_$_"; "PSCommand_$_" })) {
    if ($tag -match '\s') { throw "The tag '$tag' contains a space; nuspec tags are separated by spaces." }
    if (-not $tags.Contains($tag)) { $tags.Add($tag) }
}
$nuspecNs = 'http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd'
$nuspec = New-XmlPart {
    param($w)
    $w.WriteStartElement('package', $nuspecNs)
    $w.WriteStartElement('metadata', $nuspecNs)
    $metadata = [ordered]@{
        id                       = $name
        version                  = $packageVersion
        authors                  = $manifest.Author
        owners                   = $manifest.CompanyName
        requireLicenseAcceptance = 'false'
        licenseUrl               = $psData.LicenseUri
        projectUrl               = $psData.ProjectUri
        description              = $manifest.Description
        releaseNotes             = $psData.ReleaseNotes
        copyright                = $manifest.Copyright
        tags                     = $tags -join ' '
    }
    foreach ($field in $metadata.GetEnumerator()) {
        if (-not $field.Value) { throw "The manifest gives nothing for the nuspec's $($field.Key)." }
        $w.WriteElementString($field.Key, $nuspecNs, $field.Value)
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$contentTypes = New-XmlPart {
    param($w)
    $ns = 'http://schemas.openxmlformats.org/package/2006/content-types'
    $w.WriteStartElement('Types', $ns)
    $w.WriteStartElement('Default', $ns); $w.WriteAttributeString('Extension', 'rels'); $w.WriteAttributeString('ContentType', 'application/vnd.openxmlformats-package.relationships+xml'); $w.WriteEndElement()
    foreach ($extension in @($files.Name + "$name.nuspec" | ForEach-Object { [IO.Path]::GetExtension($_).TrimStart('.') } | Where-Object { $_ } | Sort-Object -Unique)) {
        $w.WriteStartElement('Default', $ns); $w.WriteAttributeString('Extension', $extension); $w.WriteAttributeString('ContentType', 'application/octet'); $w.WriteEndElement()
    }
    foreach ($file in $files | Where-Object { -not [IO.Path]::GetExtension($_.Name) }) {
        $w.WriteStartElement('Override', $ns); $w.WriteAttributeString('PartName', "/$($file.Name)"); $w.WriteAttributeString('ContentType', 'application/octet'); $w.WriteEndElement()
    }
    $w.WriteEndElement()
}
$relationships = New-XmlPart {
    param($w)
    $ns = 'http://schemas.openxmlformats.org/package/2006/relationships'
    $w.WriteStartElement('Relationships', $ns)
    $w.WriteStartElement('Relationship', $ns)
    $w.WriteAttributeString('Type', 'http://schemas.microsoft.com/packaging/2010/07/manifest')
    $w.WriteAttributeString('Target', "/$name.nuspec")
    $w.WriteAttributeString('Id', 'R0')
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$nupkg = New-Zip (Join-Path $OutputFolder "$name.$packageVersion.nupkg") {
    param($zip)
    Add-ZipEntry $zip "$name.nuspec" $nuspec
    Add-ZipEntry $zip '[Content_Types].xml' $contentTypes
    Add-ZipEntry $zip '_rels/.rels' $relationships
    foreach ($file in $files) { $null = [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, $file.Path, $file.Name) }
}

# ---- The Azure Automation import zip ----
$automation = New-Zip (Join-Path $OutputFolder "$name.zip") {
    param($zip)
    foreach ($file in $files) { $null = [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, $file.Path, "$name/$($file.Name)") }
}
$tooLong = @($files | Where-Object { "$name/$($_.Name)".Length -gt $maxAutomationPath })
if ($tooLong) { throw "Azure Automation refuses paths over $maxAutomationPath characters: $($tooLong.Name -join ', ')" }
if ($automation.Length -gt $maxAutomationBytes) { throw "$($automation.Name) is $($automation.Length) bytes; Azure Automation imports at most 100 MB." }

[pscustomobject]@{ Version = $packageVersion; Gallery = $nupkg.FullName; Automation = $automation.FullName }
