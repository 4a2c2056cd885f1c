using System.Diagnostics;
using System.Text.Json;
using WorkOSDomains.Emulator;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Engine.Validation;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Api;

/// <summary>
/// The client against a server that misbehaves on purpose (issue 9): each case asserts the
/// failure kind, a clear and bounded message, and the exact number of requests the server saw.
/// </summary>
public class HostileServerTests
{
    internal const string Key = "sk_test_fake_canary";
    private const string Secret = "fake_canary";

    internal static WorkOSClient Client(HostileServer server, string kase, Action<WorkOSClientOptions>? configure = null)
    {
        var options = new WorkOSClientOptions
        {
            ApiKey = ApiKey.Parse(Key),
            BaseUri = server.For(kase),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return new WorkOSClient(options);
    }

    /// <summary>Every text an exception carries, inner exceptions and field errors included.</summary>
    private static string Everything(Exception e, Recorder? recorder = null)
    {
        var text = new List<string?> { e.ToString() };
        if (e is WorkOSApiException api)
            text.AddRange([api.ApiMessage, api.Code, api.RawBody, api.RequestId, .. api.Errors.SelectMany(f => new[] { f.Field, f.Code, f.Message, f.ToString() })]);
        if (recorder != null) text.AddRange(recorder.Records.Select(r => r.ToString()));
        return string.Join("\n", text);
    }

    private static void Bounded(Exception e, int limit = 1500) =>
        Assert.True(e.Message.Length <= limit, $"The message has {e.Message.Length} characters: {e.Message[..Math.Min(300, e.Message.Length)]}");

    // ---- 1. The key comes back in server text ----

    [Fact]
    public async Task A_401_that_quotes_the_key_keeps_it_nowhere()
    {
        await using var server = HostileServer.Start();
        var recorder = new Recorder();
        using WorkOSClient client = Client(server, "echo-401", o => o.Diagnostics = recorder.Add);

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(ApiFailure.Unauthorized, e.Failure);
        Assert.Equal("Invalid API key: Bearer ***", e.ApiMessage);
        Assert.DoesNotContain(Secret, Everything(e, recorder));
        Assert.Equal(1, server.Requests("echo-401"));
    }

    [Fact]
    public async Task A_500_that_lists_the_request_headers_keeps_the_key_nowhere()
    {
        await using var server = HostileServer.Start();
        var recorder = new Recorder();
        using WorkOSClient client = Client(server, "echo-500", o => { o.MaxRetries = 1; o.Diagnostics = recorder.Add; });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(ApiFailure.ServerError, e.Failure);
        Assert.Contains("Authorization: ***", e.RawBody);
        Assert.DoesNotContain(Secret, Everything(e, recorder));
        Assert.Equal(2, server.Requests("echo-500"));
    }

    [Fact]
    public async Task Field_errors_that_quote_the_key_keep_it_nowhere()
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, "echo-422");

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.CreateOrganizationDomainAsync("org_1", "contoso.example"));

        Assert.Equal(ApiFailure.Rejected, e.Failure);
        Assert.Equal("Bearer ***", Assert.Single(e.Errors).Field);
        Assert.DoesNotContain(Secret, Everything(e));
        Assert.Equal(1, server.Requests("echo-422"));
    }

    [Fact]
    public async Task Answers_that_carry_the_key_in_their_fields_reach_the_caller_without_it()
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, "echo-200");

        var results = new List<object>
        {
            await client.GetOrganizationAsync("org_1"), // the name also carries the key \u-escaped
            client.ListOrganizations(new OrganizationQuery()).ToList(),
            await client.GetOrganizationDomainAsync("org_domain_1"),
            await client.GeneratePortalLinkAsync(new PortalLinkRequest { Organization = "org_1", Intent = "sso" }),
            client.ListEvents(new EventQuery { Events = ["organization_domain.verified"] }).ToList(),
        };

        string json = JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true });
        Assert.Contains("Echo Bearer sk_test_***", json); // the key is taken out; the data's own words stay
        Assert.DoesNotContain(Secret, json);
        Assert.Equal(5, server.Requests("echo-200"));
    }

    [Fact]
    public async Task Data_that_mentions_bearer_or_authorization_comes_back_as_it_is()
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, "words-200");

        Organization organization = await client.GetOrganizationAsync("org_1");

        Assert.Equal("Standard Bearer Holdings", organization.Name);
        Assert.Equal("authorization: pending", organization.ExternalId);
        Assert.Contains("\"authorization\":\"granted\"", JsonSerializer.Serialize(organization.Metadata));
    }

    [Theory]
    [InlineData("echo-500-utf16")]
    [InlineData("echo-500-utf16-undeclared")]
    public async Task A_utf16_error_body_that_lists_the_headers_keeps_the_key_nowhere_and_reads_as_text(string kase)
    {
        await using var server = HostileServer.Start();
        var recorder = new Recorder();
        using WorkOSClient client = Client(server, kase, o => { o.MaxRetries = 0; o.Diagnostics = recorder.Add; });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(ApiFailure.ServerError, e.Failure);
        Assert.Contains("Internal error. Request was:", e.Message);
        Assert.Contains("Authorization: ***", e.RawBody);
        Assert.False(e.RawBody!.Contains('\0'), "the body is read as UTF-16 text, not byte by byte");
        Assert.DoesNotContain(Secret, Everything(e, recorder));
        Assert.False(Everything(e, recorder).Contains(string.Join("\0", Secret.ToCharArray()), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_transport_error_that_quotes_the_key_keeps_it_out_of_the_exception_chain()
    {
        await using var server = HostileServer.Start();
        var recorder = new Recorder();
        using WorkOSClient client = Client(server, "echo-status-line", o => { o.MaxRetries = 1; o.Diagnostics = recorder.Add; });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(ApiFailure.NoResponse, e.Failure);
        Assert.Contains("invalid status line", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Bearer ***", e.Message);
        Assert.DoesNotContain(Secret, Everything(e, recorder));
        Assert.Equal(2, server.Requests("echo-status-line"));
    }

    // ---- 2. Paging that never ends ----

    [Fact]
    public async Task A_repeated_cursor_stops_the_list_and_names_the_cursor()
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, "cursor-repeat");

        var e = Assert.Throws<WorkOSApiException>(() => client.ListOrganizations(new OrganizationQuery()).ToList());

        Assert.Equal(ApiFailure.UnexpectedResponse, e.Failure);
        Assert.Contains("returned the cursor 'org_same' a second time", e.Message);
        Assert.Contains("never end", e.Message);
        Bounded(e);
        Assert.Equal(2, server.Requests("cursor-repeat"));
    }

    [Fact]
    public async Task A_run_of_empty_pages_with_new_cursors_stops_the_list()
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, "cursor-empty");
        Pager<WorkOSEvent> pager = client.PageEvents(new EventQuery { Events = ["organization_domain.created"] });

        var e = await Assert.ThrowsAsync<WorkOSApiException>(async () => { while (pager.HasMore) await pager.NextAsync(); });

        Assert.Equal(ApiFailure.UnexpectedResponse, e.Failure);
        Assert.Matches("returned 5 pages in a row with nothing new .*, each with a new cursor \\(the last was 'cursor_req_hostile_5'\\)", e.Message);
        Assert.Equal(Pager<WorkOSEvent>.MaxEmptyPagesInARow, server.Requests("cursor-empty"));
    }

    [Fact]
    public async Task New_cursors_over_the_same_items_stop_the_list_and_list_each_item_once()
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, "cursor-same-items");
        var listed = new List<Organization>();

        var e = Assert.Throws<WorkOSApiException>(() => { foreach (Organization o in client.ListOrganizations(new OrganizationQuery())) listed.Add(o); });

        Assert.Contains("pages in a row with nothing new", e.Message);
        Assert.Equal("org_01LOOP", Assert.Single(listed).Id);
        Assert.Equal(1 + Pager<Organization>.MaxEmptyPagesInARow, server.Requests("cursor-same-items"));
    }

    [Fact]
    public async Task Pages_of_only_events_not_asked_for_stop_the_list()
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, "cursor-unwanted");

        var e = Assert.Throws<WorkOSApiException>(() => client.ListEvents(new EventQuery { Events = ["organization_domain.verified"] }).ToList());

        Assert.Contains("pages in a row with nothing new", e.Message);
        Assert.Equal(Pager<WorkOSEvent>.MaxEmptyPagesInARow, server.Requests("cursor-unwanted"));
    }

    [Fact]
    public async Task A_cursor_no_WorkOS_list_would_send_stops_the_list_in_a_bounded_message()
    {
        await using var server = HostileServer.Start();
        var recorder = new Recorder();
        using WorkOSClient client = Client(server, "cursor-long", o => o.Diagnostics = recorder.Add);

        var e = Assert.Throws<WorkOSApiException>(() => client.ListOrganizations(new OrganizationQuery()).ToList());

        Assert.Equal(ApiFailure.UnexpectedResponse, e.Failure);
        Assert.Contains("a cursor of 200000 characters", e.Message);
        Bounded(e);
        Assert.True(e.Path.Length < 300, $"the path has {e.Path.Length} characters");
        Assert.All(recorder.Records, r => Assert.True(r.ToString().Length < 1000));
        Assert.Equal(1, server.Requests("cursor-long"));
    }

    // ---- 4. Error text is bounded ----

    [Fact]
    public async Task A_ten_megabyte_error_message_is_cut_everywhere_it_is_kept()
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, "huge-message", o => o.MaxRetries = 0);

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(ApiFailure.ServerError, e.Failure);
        Assert.StartsWith("Gateway exploded: xxx", e.ApiMessage);
        Assert.InRange(e.ApiMessage!.Length, 1, 201);
        Assert.InRange(e.Code!.Length, 1, 201);
        Assert.InRange(e.RequestId!.Length, 1, 201);
        Assert.InRange(e.RawBody!.Length, 1, 2001);
        Bounded(e);
        Assert.Equal(1, server.Requests("huge-message"));
    }

    // ---- 5. Wrong shapes ----

    [Theory]
    [InlineData("shape-list", "its 'object' is 'list', not 'organization'")]
    [InlineData("shape-data-null", "it has no 'object' member")]
    [InlineData("shape-no-id", "it has no 'id'")]
    public async Task An_organization_of_the_wrong_shape_is_refused_with_the_request_id(string kase, string problem)
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, kase);

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(ApiFailure.UnexpectedResponse, e.Failure);
        Assert.Contains($"WorkOS answered 200 with a body that is not an organization ({problem})", e.Message);
        Assert.Equal("req_hostile_1", e.RequestId);
        Assert.Contains("(request id req_hostile_1)", e.Message);
        Bounded(e);
        Assert.Equal(1, server.Requests(kase));
    }

    [Theory]
    [InlineData("shape-event-date", "not JSON the module can read")]
    [InlineData("shape-event-no-data", "the data of its organization_domain.verified event is not an object")]
    public async Task A_domain_event_whose_data_is_not_a_domain_is_refused_with_the_request_id(string kase, string problem)
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, kase);

        var e = Assert.Throws<WorkOSApiException>(() => client.ListEvents(new EventQuery { Events = ["organization_domain.verified"] }).ToList());

        Assert.Equal(ApiFailure.UnexpectedResponse, e.Failure);
        Assert.Contains("a body that is not a list of events", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Equal("req_hostile_1", e.RequestId);
        Bounded(e);
    }

    [Fact]
    public async Task A_list_with_a_null_item_is_refused()
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, "shape-null-item");

        var e = Assert.Throws<WorkOSApiException>(() => client.ListOrganizations(new OrganizationQuery()).ToList());

        Assert.Contains("not a list of organizations (item 1 of its 'data' is wrong: it is null rather than a JSON object)", e.Message);
        Assert.Equal(1, server.Requests("shape-null-item"));
    }

    [Theory]
    [InlineData("shape-data-null")]
    [InlineData("shape-list-null-data")]
    public async Task A_null_list_is_an_empty_list(string kase)
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, kase);

        Assert.Empty(client.ListOrganizations(new OrganizationQuery()));
        Assert.Equal(1, server.Requests(kase));
    }

    [Fact]
    public async Task Null_domains_are_no_domains()
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, "shape-domains-null");

        Assert.Empty((await client.GetOrganizationAsync("org_1")).Domains);
        Assert.Empty(Assert.Single(client.ListOrganizations(new OrganizationQuery())).Domains);
    }

    // ---- 6. Bad input is never sent ----

    [Fact]
    public async Task Malformed_ids_never_reach_the_network()
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, "echo-401");
        string longId = "org_" + new string('a', 10_000);

        foreach (string id in new[] { "org_", longId, "org_01HXYZ/../x", "org_01 HXYZ" })
        {
            var e = await Assert.ThrowsAsync<InvalidInputException>(() => client.GetOrganizationAsync(id));
            Assert.Equal("OrganizationId", e.ParamName);
            Bounded(e, 400);
        }
        await Assert.ThrowsAsync<InvalidInputException>(() => client.GetOrganizationDomainAsync("org_domain_"));
        await Assert.ThrowsAsync<InvalidInputException>(() => client.VerifyOrganizationDomainAsync("org_domain_" + new string('a', 10_000)));
        await Assert.ThrowsAsync<InvalidInputException>(() => client.DeleteOrganizationDomainAsync("org_"));
        await Assert.ThrowsAsync<InvalidInputException>(() => client.CreateOrganizationDomainAsync("org_", "contoso.example"));
        await Assert.ThrowsAsync<InvalidInputException>(() => client.GeneratePortalLinkAsync(new PortalLinkRequest { Organization = longId, Intent = "sso" }));
        await Assert.ThrowsAsync<InvalidInputException>(() => client.ListEventsPageAsync(new EventQuery { Events = ["x"], OrganizationId = "org_" }));

        Assert.Equal(0, server.Requests("echo-401"));
    }

    [Theory]
    [InlineData("sk_", "has no secret part")]
    [InlineData("sk_test_", "has no secret part")]
    [InlineData("sk_live_", "has no secret part")]
    [InlineData("sk_test_fake\0canary", "control character")]
    [InlineData("sk_test_fake\u00e9canary", "non-ASCII")]
    [InlineData("sk_test", "starts with 'sk_test' but not 'sk_test_'")]
    [InlineData("sk_liveCanary", "starts with 'sk_live' but not 'sk_live_'")]
    public void Keys_without_a_secret_or_with_unprintable_characters_are_refused(string key, string problem)
    {
        var e = Assert.Throws<InvalidInputException>(() => ApiKey.Parse(key));
        Assert.Contains(problem, e.Message);
        Assert.DoesNotContain("canary", e.Message);
    }

    [Fact]
    public void A_key_far_longer_than_any_WorkOS_key_is_refused_without_echoing_it()
    {
        var e = Assert.Throws<InvalidInputException>(() => ApiKey.Parse("sk_test_" + new string('k', 100_000)));
        Assert.Contains("is longer than 512 characters", e.Message);
        Bounded(e, 400);
    }

    // ---- 7. Credentials in the base URI ----

    [Theory]
    [InlineData("http://user:hunter2@127.0.0.1:5000/")]
    [InlineData("https://user:hunter2@api.workos.com")]
    [InlineData("//user:hunter2@127.0.0.1/")]
    public void A_base_uri_with_a_user_name_or_password_is_refused_without_echoing_it(string uri)
    {
        var options = new WorkOSClientOptions { ApiKey = ApiKey.Parse(Key), BaseUri = new Uri(uri, UriKind.RelativeOrAbsolute) };
        var e = Assert.Throws<InvalidInputException>(() => new WorkOSClient(options));
        Assert.Equal("BaseUri", e.ParamName);
        Assert.Contains("contains a user name or password", e.Message);
        Assert.DoesNotContain("hunter2", e.ToString());
    }

    // ---- 8. A dropped connection is retried -MaxRetries times, no more ----

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 4)]
    public async Task A_connection_closed_before_any_answer_is_sent_once_per_attempt(int maxRetries, int requests)
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, "drop", o => o.MaxRetries = maxRetries);

        var get = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));
        Assert.Equal(requests, server.Requests("drop"));
        var verify = await Assert.ThrowsAsync<WorkOSApiException>(() => client.VerifyOrganizationDomainAsync("org_domain_1")); // a POST without a body

        Assert.Equal(ApiFailure.NoResponse, get.Failure);
        Assert.Equal(requests, get.Attempts);
        Assert.Contains($"on each of {requests} attempt(s)", get.Message);
        Assert.Equal(ApiFailure.NoResponse, verify.Failure);
        Assert.Equal(2 * requests, server.Requests("drop"));
    }

    // ---- 9. Slow bodies: one deadline per call ----

    [Fact]
    public async Task A_trickling_body_ends_at_the_calls_deadline_whatever_the_retry_budget()
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, "trickle", o =>
        {
            o.RequestTimeout = TimeSpan.FromSeconds(2);
            o.TotalTimeout = TimeSpan.FromSeconds(3);
            o.MaxRetries = 10;
        });

        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        // The first attempt times out at 2 s; the deadline cuts the second one short at 3 s.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(4.5));
        Assert.Equal(ApiFailure.NoResponse, e.Failure);
        Assert.IsAssignableFrom<TimeoutException>(e.InnerException);
        Assert.Contains("got no complete answer within 3 s, the time allowed for one call (2 attempt(s))", e.Message);
        Assert.Equal(2, server.Requests("trickle"));
    }

    [Fact]
    public async Task No_wait_starts_that_would_pass_the_deadline()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var recorder = new Recorder();
        using WorkOSClient watched = emulator.Client(o => { o.TotalTimeout = TimeSpan.FromSeconds(1); o.Diagnostics = recorder.Add; });
        await emulator.FaultAsync(new { kind = "status", status = 503, retryAfter = "5", count = -1 });

        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => watched.GetOrganizationAsync("org_1"));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3)); // not the 5 s Retry-After
        Assert.Equal(503, e.StatusCode);
        Assert.Single(recorder.Records);
    }

    // ---- 10. Messages that say what happened ----

    [Theory]
    [InlineData("redirect")]
    [InlineData("echo-redirect")]
    public async Task A_redirect_says_the_address_redirects_and_is_not_followed(string kase)
    {
        await using var server = HostileServer.Start();
        using WorkOSClient client = Client(server, kase);

        var e = await Assert.ThrowsAsync<WorkOSApiException>(() => client.GetOrganizationAsync("org_1"));

        Assert.Equal(ApiFailure.UnexpectedResponse, e.Failure);
        Assert.Contains("was answered with 302: the address redirects elsewhere (to https://elsewhere.example/", e.Message);
        Assert.Contains("The module does not follow redirects, so the API key never travels to another host.", e.Message);
        Assert.DoesNotContain(Secret, Everything(e));
        Bounded(e);
        Assert.Equal(1, server.Requests(kase));
    }

    [Theory]
    [InlineData("a" + "123456789012345678901234567890123456789012345678901234567890123" + ".example", "has a label of 64 characters", "at most 63 characters")]
    [InlineData("example.com..", "'example.com..' has an empty label", "Remove the extra dot")]
    public void Domain_messages_say_what_is_wrong_with_the_value_as_given(string domain, string problem, string fix)
    {
        var e = Assert.Throws<InvalidInputException>(() => Input.DomainName(domain));
        Assert.Contains(problem, e.Message);
        Assert.Contains(fix, e.Message);
        Assert.DoesNotContain("character not allowed", e.Message);
    }
}
