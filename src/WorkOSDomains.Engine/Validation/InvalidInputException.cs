using System;

namespace WorkOSDomains.Engine.Validation
{
    /// <summary>
    /// Input refused before any request. The engine names the input (<see cref="Field"/>), says
    /// what is wrong with it and how to fix it, in words free of PowerShell; the cmdlet layer puts
    /// the name of its own parameter in front (see <see cref="Describe"/>).
    /// </summary>
    public sealed class InvalidInputException : ArgumentException
    {
        private const int ShownValueLength = 80;

        public InvalidInputException(string field, string? value, string problem, string? fix = null)
            : base(Describe(field, value, problem, fix), field)
        {
            Value = value;
            Problem = problem;
            Fix = fix;
        }

        /// <summary>The input's neutral name (Domain, OrganizationId, DomainId, Token...).</summary>
        public string Field => ParamName!;
        /// <summary>The value as given; null for secrets, which are never repeated.</summary>
        public string? Value { get; }
        public string Problem { get; }
        public string? Fix { get; }

        /// <summary>"{subject} '{value}' {problem}. {fix}", the value shortened so a huge input cannot flood a message.</summary>
        public static string Describe(string subject, string? value, string problem, string? fix) =>
            subject + (value == null ? "" : $" '{Shorten(value)}'") + " " + problem + "." + (fix == null ? "" : " " + fix);

        public static string Shorten(string text) =>
            text.Length <= ShownValueLength ? text : text.Substring(0, ShownValueLength) + $"… ({text.Length} characters)";
    }
}
