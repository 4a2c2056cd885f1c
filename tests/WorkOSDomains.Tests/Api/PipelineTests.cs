using System.Net;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Http;

namespace WorkOSDomains.Tests.Api;

/// <summary>The handlers on their own, over a scripted inner handler.</summary>
public class PipelineTests
{
    private sealed class Scripted(params HttpStatusCode[] answers) : HttpMessageHandler
    {
        private int _next;
        public List<string?> IdempotencyKeys { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            IdempotencyKeys.Add(request.Headers.TryGetValues("Idempotency-Key", out var v) ? v.Single() : null);
            return Task.FromResult(new HttpResponseMessage(answers[Math.Min(_next++, answers.Length - 1)]));
        }
    }

    private static HttpMessageInvoker Pipeline(Scripted inner) =>
        new(new IdempotencyHandler
        {
            InnerHandler = new RetryHandler(new WorkOSClientOptions { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero }) { InnerHandler = inner },
        });

    [Fact]
    public async Task Every_retry_of_a_post_carries_the_same_uuid_v4_key()
    {
        var inner = new Scripted(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway, HttpStatusCode.Created);
        using HttpMessageInvoker pipeline = Pipeline(inner);

        using var response = await pipeline.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/organization_domains"), default);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, inner.IdempotencyKeys.Count);
        Assert.Single(inner.IdempotencyKeys.Distinct());
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", inner.IdempotencyKeys[0]);
    }

    [Fact]
    public async Task Separate_posts_get_separate_keys_and_gets_get_none()
    {
        var inner = new Scripted(HttpStatusCode.OK);
        using HttpMessageInvoker pipeline = Pipeline(inner);

        await pipeline.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/a"), default);
        await pipeline.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/a"), default);
        await pipeline.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/a"), default);

        Assert.Equal(2, inner.IdempotencyKeys.Take(2).Distinct().Count());
        Assert.Null(inner.IdempotencyKeys[2]);
    }

    [Fact]
    public async Task A_retry_after_longer_than_a_minute_is_reported_not_waited()
    {
        var inner = new Scripted(HttpStatusCode.TooManyRequests);
        using var pipeline = new HttpMessageInvoker(new RetryHandler(new WorkOSClientOptions()) { InnerHandler = new RetryAfterAdder(inner, TimeSpan.FromMinutes(10)) });

        using var response = await pipeline.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/a"), default);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Single(inner.IdempotencyKeys);
    }

    private sealed class RetryAfterAdder(HttpMessageHandler inner, TimeSpan wait) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
            return response;
        }
    }
}
