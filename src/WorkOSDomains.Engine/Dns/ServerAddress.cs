using System;
using System.Linq;
using System.Net;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>Parses resolver addresses given as "host", "host:port", "IPv6" or "[IPv6]:port".</summary>
    public static class ServerAddress
    {
        public static IPEndPoint Parse(string? value, string parameterName = "Server", int defaultPort = 53)
        {
            string text = (value ?? "").Trim();
            string host = text;
            int port = defaultPort;
            if (text.StartsWith("[", StringComparison.Ordinal))
            {
                int close = text.IndexOf(']');
                if (close < 0) throw Bad(value, parameterName, "the closing ']' is missing");
                host = text.Substring(1, close - 1);
                string rest = text.Substring(close + 1);
                if (rest.Length > 0 && !(rest.StartsWith(":", StringComparison.Ordinal) && int.TryParse(rest.Substring(1), out port)))
                    throw Bad(value, parameterName, "write the port as [address]:port");
            }
            else if (text.Count(c => c == ':') == 1)
            {
                int colon = text.IndexOf(':');
                host = text.Substring(0, colon);
                if (!int.TryParse(text.Substring(colon + 1), out port)) throw Bad(value, parameterName, "the port is not a number");
            }
            if (port < 1 || port > 65535) throw Bad(value, parameterName, "the port must be between 1 and 65535");
            if (host.Length == 0) throw Bad(value, parameterName, "no host is given");

            if (IPAddress.TryParse(host, out IPAddress? address)) return new IPEndPoint(Usable(address, value, parameterName), port);
            if (host.Length > 253) throw Bad(value, parameterName, $"the host name is {host.Length} characters long, and a DNS name has at most 253");
            try
            {
                IPAddress[] found = System.Net.Dns.GetHostAddresses(host);
                if (found.Length > 0) return new IPEndPoint(Usable(found[0], value, parameterName), port);
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException || e is ArgumentException)
            {
            }
            throw Bad(value, parameterName, $"the host name '{InvalidInputException.Shorten(host)}' does not resolve");
        }

        /// <summary>Refuses addresses no DNS server can have: unspecified, "this network", multicast, broadcast, reserved.</summary>
        private static IPAddress Usable(IPAddress address, string? value, string parameterName)
        {
            // An IPv4 address written in IPv6 form (::ffff:a.b.c.d) is judged as the IPv4 address it is.
            IPAddress judged = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            if (judged.Equals(IPAddress.Any) || judged.Equals(IPAddress.IPv6Any))
                throw Bad(value, parameterName, $"{address} is the unspecified address");
            if (judged.IsIPv6Multicast) throw Bad(value, parameterName, $"{address} is a multicast address");
            if (judged.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                byte first = judged.GetAddressBytes()[0];
                if (judged.Equals(IPAddress.Broadcast)) throw Bad(value, parameterName, $"{address} is the broadcast address");
                if (first == 0) throw Bad(value, parameterName, $"{address} is in 0.0.0.0/8, \"this network\", which no server can have");
                if (first >= 224 && first <= 239) throw Bad(value, parameterName, $"{address} is a multicast address");
                if (first >= 240) throw Bad(value, parameterName, $"{address} is in 240.0.0.0/4, reserved and not routed");
            }
            return address;
        }

        private static InvalidInputException Bad(string? value, string field, string why) =>
            new InvalidInputException(field, value, $"is not a DNS server address: {why}", "Give an address such as 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:53.");
    }
}
