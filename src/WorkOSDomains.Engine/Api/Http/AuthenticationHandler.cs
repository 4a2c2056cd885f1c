using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace WorkOSDomains.Engine.Api.Http
{
    /// <summary>Adds the bearer key and the User-Agent. The only place the key is read.</summary>
    internal sealed class AuthenticationHandler : DelegatingHandler
    {
        private readonly ApiKey _key;
        private readonly string _userAgent;

        internal AuthenticationHandler(ApiKey key, string userAgent)
        {
            _key = key;
            _userAgent = userAgent;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key.Reveal());
            request.Headers.Remove("User-Agent");
            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
