using WorkOSDomains.Engine.Validation;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Tests.Support;

namespace WorkOSDomains.Tests.Api;

public class PagingTests
{
    [Fact]
    public async Task Lists_follow_the_after_cursor_across_pages_lazily()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var recorder = new Recorder();
        using WorkOSClient client = emulator.Client(o => o.Diagnostics = recorder.Add);
        for (int i = 0; i < 25; i++)
            await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = $"Org {i:D2}" });
        int before = recorder.Records.Count;

        using IEnumerator<Organization> items = client.ListOrganizations(new OrganizationQuery { Limit = 10, Order = "asc" }).GetEnumerator();
        Assert.True(items.MoveNext());
        Assert.Equal("Org 00", items.Current.Name);
        Assert.Equal(1, recorder.Records.Count - before); // the first item came from the first page alone

        var names = new List<string> { items.Current.Name };
        while (items.MoveNext()) names.Add(items.Current.Name);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"Org {i:D2}"), names);
        Assert.Equal(3, recorder.Records.Count - before);
    }

    [Fact]
    public async Task Pages_report_cursors_in_both_directions()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        for (int i = 0; i < 5; i++)
            await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = $"Org {i}" });

        Page<Organization> first = await client.ListOrganizationsPageAsync(new OrganizationQuery { Limit = 2, Order = "asc" });
        Assert.Null(first.Before);
        Page<Organization> second = await client.ListOrganizationsPageAsync(new OrganizationQuery { Limit = 2, Order = "asc", After = first.After });
        Assert.Equal(["Org 2", "Org 3"], second.Items.Select(o => o.Name));
        Page<Organization> back = await client.ListOrganizationsPageAsync(new OrganizationQuery { Limit = 2, Order = "asc", Before = second.Before });
        Assert.Equal(first.Items.Select(o => o.Id), back.Items.Select(o => o.Id));
        Page<Organization> last = await client.ListOrganizationsPageAsync(new OrganizationQuery { Limit = 2, Order = "asc", After = second.After });
        Assert.Equal("Org 4", Assert.Single(last.Items).Name);
        Assert.Null(last.After);
    }

    [Fact]
    public async Task Events_page_through_many_results()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client();
        Organization org = await client.CreateOrganizationAsync(new CreateOrganizationRequest { Name = "Contoso" });
        for (int i = 0; i < 7; i++) await client.CreateOrganizationDomainAsync(org.Id, $"d{i}.contoso.example");

        List<WorkOSEvent> events = client.ListEvents(new EventQuery { Events = ["organization_domain.created"], Limit = 3 }).ToList();

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"d{i}.contoso.example"), events.Select(e => Assert.IsType<OrganizationDomainEvent>(e).OrganizationDomain.Domain));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task A_page_size_outside_1_to_100_is_refused_before_any_request(int limit)
    {
        var recorder = new Recorder();
        await using var emulator = await TestEmulator.StartAsync();
        using WorkOSClient client = emulator.Client(o => o.Diagnostics = recorder.Add);

        var e = await Assert.ThrowsAsync<InvalidInputException>(() => client.ListOrganizationsPageAsync(new OrganizationQuery { Limit = limit }));
        Assert.Contains("Give 1 to 100", e.Message);
        Assert.Empty(recorder.Records);
    }
}
