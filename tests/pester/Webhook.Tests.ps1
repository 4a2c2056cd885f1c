# Test-WorkOSWebhookSignature and ConvertFrom-WorkOSWebhook on requests signed here, as WorkOS signs them.
param([string] $ModulePath, [string] $EmulatorPath, [string] $ConflictsPath)

BeforeAll {
    Import-Module $ModulePath -Force
    $secret = 'fake_webhook_secret_pester'
    $body = '{"id":"event_01JFAKEVERIFIED","event":"organization_domain.verified","data":{"object":"organization_domain","id":"org_domain_01JFAKE","organization_id":"org_01JFAKE","domain":"contoso.example","state":"verified","verification_strategy":"dns","created_at":"2026-11-24T09:00:00.000Z","updated_at":"2026-11-24T09:29:00.000Z"},"created_at":"2026-11-24T09:29:58.123Z"}'

    # The WorkOS-Signature header for a body: HMAC-SHA256 over "<t>.<body>", t in Unix milliseconds.
    function New-SignatureHeader([string] $Body, [int] $SecondsAgo = 1, [string] $Key = $secret) {
        $t = [DateTimeOffset]::UtcNow.AddSeconds(-$SecondsAgo).ToUnixTimeMilliseconds()
        $hmac = [System.Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($Key))
        try { $hash = $hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes("$t.$Body")) } finally { $hmac.Dispose() }
        "t=$t, v1=$([Convert]::ToHexString($hash).ToLowerInvariant())"
    }
    $header = New-SignatureHeader $body
}

AfterAll {
    Remove-Module WorkOSDomains -ErrorAction Ignore
}

Describe 'Test-WorkOSWebhookSignature' {
    It 'accepts a request signed with the secret just now, as a string or as bytes' {
        Test-WorkOSWebhookSignature -Payload $body -SignatureHeader $header -Secret $secret | Should -BeTrue
        Test-WorkOSWebhookSignature -Payload ([Text.Encoding]::UTF8.GetBytes($body)) -SignatureHeader $header -Secret $secret | Should -BeTrue
        $body | Test-WorkOSWebhookSignature -SignatureHeader $header -Secret $secret | Should -BeTrue
    }

    It 'checks the UTF-8 bytes of a string body with non-ASCII text' {
        $unicode = $body.Replace('contoso.example', 'société-générale.example')
        Test-WorkOSWebhookSignature -Payload $unicode -SignatureHeader (New-SignatureHeader $unicode) -Secret $secret | Should -BeTrue
    }

    It 'takes the secret as a SecureString or a PSCredential' {
        $secure = ConvertTo-SecureString $secret -AsPlainText -Force
        Test-WorkOSWebhookSignature $body $header -Secret $secure | Should -BeTrue
        Test-WorkOSWebhookSignature $body $header -Secret ([pscredential]::new('webhook', $secure)) | Should -BeTrue
    }

    It 'refuses a tampered body and says why in a verbose message' {
        $tampered = $body.Replace('"verified"', '"pending"')
        $verbose = Test-WorkOSWebhookSignature -Payload $tampered -SignatureHeader $header -Secret $secret -Verbose 4>&1
        $verbose[-1] | Should -BeFalse
        $verbose[0].Message | Should -Match '^No signature in -SignatureHeader matches -Payload'
    }

    It 'refuses another secret' {
        Test-WorkOSWebhookSignature -Payload $body -SignatureHeader $header -Secret 'fake_other_secret' | Should -BeFalse
    }

    It 'refuses a request signed too long ago, unless -Tolerance allows it' {
        $old = New-SignatureHeader $body -SecondsAgo 600
        $verbose = Test-WorkOSWebhookSignature -Payload $body -SignatureHeader $old -Secret $secret -Verbose 4>&1
        $verbose[-1] | Should -BeFalse
        $verbose[0].Message | Should -Match 'signed 10 minutes before it was checked .* more than -Tolerance \(180 seconds\)'
        Test-WorkOSWebhookSignature -Payload $body -SignatureHeader $old -Secret $secret -Tolerance 900 | Should -BeTrue
        Test-WorkOSWebhookSignature -Payload $body -SignatureHeader $old -Secret $secret -Tolerance '00:15:00' | Should -BeTrue
    }

    It 'refuses a request signed in the future' {
        $future = New-SignatureHeader $body -SecondsAgo -600
        $verbose = Test-WorkOSWebhookSignature -Payload $body -SignatureHeader $future -Secret $secret -Verbose 4>&1
        $verbose[-1] | Should -BeFalse
        $verbose[0].Message | Should -Match 'in the future'
    }

    It 'refuses a missing header: <Case>' -ForEach @(@{ Case = 'null'; Value = $null }, @{ Case = 'empty'; Value = '' }) {
        Test-WorkOSWebhookSignature -Payload $body -SignatureHeader $Value -Secret $secret | Should -BeFalse
    }

    It 'refuses a malformed header: <Value>' -ForEach @(
        @{ Value = 'v1=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' }
        @{ Value = 't=1795512600000' }
        @{ Value = 'sha256=abc' }
    ) {
        $verbose = Test-WorkOSWebhookSignature -Payload $body -SignatureHeader $Value -Secret $secret -Verbose 4>&1
        $verbose[-1] | Should -BeFalse
        $verbose[0].Message | Should -Match 'is not a WorkOS signature'
    }

    It 'reads the header with or without spaces and accepts any of several v1 signatures' {
        $t, $v1 = $header -split ', '
        $other = (New-SignatureHeader $body -Key 'fake_rotated_secret') -split ', ' | Select-Object -Last 1
        Test-WorkOSWebhookSignature $body "$t,$v1" -Secret $secret | Should -BeTrue
        Test-WorkOSWebhookSignature $body "$t, $other, $v1" -Secret $secret | Should -BeTrue
        Test-WorkOSWebhookSignature $body "$t, $other" -Secret $secret | Should -BeFalse
    }

    It 'refuses a body that went through ConvertFrom-Json and ConvertTo-Json' {
        $rewritten = $body | ConvertFrom-Json | ConvertTo-Json -Depth 10 -Compress
        Test-WorkOSWebhookSignature -Payload $rewritten -SignatureHeader $header -Secret $secret | Should -BeFalse
    }

    It 'refuses parsed JSON as -Payload, saying the raw body is needed' {
        $e = { Test-WorkOSWebhookSignature -Payload ($body | ConvertFrom-Json) -SignatureHeader $header -Secret $secret } | Should -Throw -PassThru
        $e.ToString() | Should -Match 'raw request body'
    }

    It 'refuses a byte array taken apart by the pipeline, saying how to pass it' {
        $bytes = [Text.Encoding]::UTF8.GetBytes($body)
        $e = { $bytes | Test-WorkOSWebhookSignature -SignatureHeader $header -Secret $secret -ErrorAction Stop } | Should -Throw -PassThru
        $e.ToString() | Should -Match 'Pass the bytes with -Payload'
    }

    It 'refuses an empty secret with an error naming the parameter' {
        $e = { Test-WorkOSWebhookSignature -Payload $body -SignatureHeader $header -Secret ([securestring]::new()) } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
        $e.ToString() | Should -Match '^-Secret is empty'
    }
}

Describe 'ConvertFrom-WorkOSWebhook' {
    It 'returns a verified request as a typed domain event' {
        $workosEvent = $body | ConvertFrom-WorkOSWebhook -SignatureHeader $header -Secret $secret
        $workosEvent | Should -BeOfType ([WorkOSDomains.OrganizationDomainEvent])
        $workosEvent.Id | Should -Be 'event_01JFAKEVERIFIED'
        $workosEvent.Event | Should -Be 'organization_domain.verified'
        $workosEvent.OrganizationDomain.Domain | Should -Be 'contoso.example'
        $workosEvent.State | Should -Be 'verified'
    }

    It 'returns a failed verification with its reason, from bytes' {
        $failed = '{"id":"event_01JFAKEFAILED","event":"organization_domain.verification_failed","data":{"reason":"domain_verified_by_other_organization","organization_domain":{"object":"organization_domain","id":"org_domain_01JFAKE","organization_id":"org_01JFAKE","domain":"contoso.example","state":"failed","created_at":"2026-10-24T09:00:00.000Z","updated_at":"2026-11-24T09:00:00.000Z"}},"created_at":"2026-11-24T09:29:00.000Z"}'
        $workosEvent = ConvertFrom-WorkOSWebhook -Payload ([Text.Encoding]::UTF8.GetBytes($failed)) -SignatureHeader (New-SignatureHeader $failed) -Secret $secret
        $workosEvent | Should -BeOfType ([WorkOSDomains.DomainVerificationFailedEvent])
        $workosEvent.Reason | Should -Be 'domain_verified_by_other_organization'
    }

    It 'stops with a security error on a bad signature, and writes nothing: <Case>' -ForEach @(
        @{ Case = 'tampered body'; BodyCase = 'TAMPERED'; HeaderCase = 'GOOD'; Reason = 'No signature in -SignatureHeader matches' }
        @{ Case = 'wrong secret'; BodyCase = 'GOOD'; HeaderCase = 'OTHER'; Reason = 'No signature in -SignatureHeader matches' }
        @{ Case = 'expired'; BodyCase = 'GOOD'; HeaderCase = 'OLD'; Reason = 'may be a replay' }
        @{ Case = 'future'; BodyCase = 'GOOD'; HeaderCase = 'FUTURE'; Reason = 'in the future' }
        @{ Case = 'missing header'; BodyCase = 'GOOD'; HeaderCase = 'NONE'; Reason = '-SignatureHeader is empty' }
        @{ Case = 'malformed header'; BodyCase = 'GOOD'; HeaderCase = 'MALFORMED'; Reason = 'is not a WorkOS signature' }
        @{ Case = 're-serialized body'; BodyCase = 'REWRITTEN'; HeaderCase = 'GOOD'; Reason = 'exactly as received .*\$WebhookData\.RequestBody' }
    ) {
        # BodyCase and HeaderCase name the cases (a key named Header would overwrite $header).
        $payloads = @{ GOOD = $body; TAMPERED = $body.Replace('contoso', 'fabrikam'); REWRITTEN = $body | ConvertFrom-Json | ConvertTo-Json -Depth 10 }
        $headers = @{
            GOOD = $header; OTHER = New-SignatureHeader $body -Key 'fake_other_secret'; NONE = $null; MALFORMED = 't=soon, v1=x'
            OLD = New-SignatureHeader $body -SecondsAgo 3600; FUTURE = New-SignatureHeader $body -SecondsAgo -3600
        }
        $written = [System.Collections.Generic.List[object]]::new()
        $e = { ConvertFrom-WorkOSWebhook -Payload $payloads[$BodyCase] -SignatureHeader $headers[$HeaderCase] -Secret $secret -ErrorAction SilentlyContinue | ForEach-Object { $written.Add($_) } } |
            Should -Throw -PassThru
        $written.Count | Should -Be 0
        $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.SignatureInvalid,*'
        $e.CategoryInfo.Category | Should -Be 'SecurityError'
        $e.TargetObject | Should -Be $headers[$HeaderCase]
        $e.ToString() | Should -Match $Reason
        $e.Exception.Message | Should -Match $Reason -Because 'runbooks often log only $_.Exception.Message'
        $e.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'answers $false for an empty body, as for any body that does not match' {
        Test-WorkOSWebhookSignature -Payload '' -SignatureHeader $header -Secret $secret | Should -BeFalse
    }

    It 'stops the pipeline at the first bad request' {
        $results = [System.Collections.Generic.List[object]]::new()
        $e = { $body, 'forged', $body | ConvertFrom-WorkOSWebhook -SignatureHeader $header -Secret $secret | ForEach-Object { $results.Add($_) } } |
            Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'WorkOS.SignatureInvalid,*'
        $results.Count | Should -Be 1
    }

    It 'writes an error for a signed body that is no event' {
        $notEvent = '{"hello":"world"}'
        $output = ConvertFrom-WorkOSWebhook -Payload $notEvent -SignatureHeader (New-SignatureHeader $notEvent) -Secret $secret -ErrorVariable failures -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WorkOS.InvalidArgument,*'
        $failures[0].ToString() | Should -Match '^-Payload is not a WorkOS event'
    }

    It 'never shows the secret in errors or verbose messages' {
        $everything = & {
            Test-WorkOSWebhookSignature -Payload 'x' -SignatureHeader $header -Secret $secret -Verbose
            try { ConvertFrom-WorkOSWebhook -Payload 'x' -SignatureHeader $header -Secret $secret -Verbose } catch { $_; $_.Exception.ToString() }
        } *>&1 | Out-String
        $everything | Should -Match 'No signature'
        $everything | Should -Not -Match $secret
    }
}
