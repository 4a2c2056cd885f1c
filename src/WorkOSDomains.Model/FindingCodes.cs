namespace WorkOSDomains
{
    /// <summary>The stable finding codes; each is documented with an example in docs/about/about_WorkOSDnsFindings.md.</summary>
    public static class FindingCodes
    {
        public const string Pass = "Pass";
        public const string RecordMissing = "RecordMissing";
        public const string NoTxtAtName = "NoTxtAtName";
        public const string NegativeWithoutSoa = "NegativeWithoutSoa";
        public const string ValueQuoted = "ValueQuoted";
        public const string ValueWhitespace = "ValueWhitespace";
        public const string ValueSplitStrings = "ValueSplitStrings";
        public const string ValueSplitRecords = "ValueSplitRecords";
        public const string ValuePrefixMismatch = "ValuePrefixMismatch";
        public const string ValueCaseMismatch = "ValueCaseMismatch";
        public const string ValuePrefixedForm = "ValuePrefixedForm";
        public const string WrongValue = "WrongValue";
        public const string MultipleRecords = "MultipleRecords";
        public const string ZoneAppendedTwice = "ZoneAppendedTwice";
        public const string RecordAtApex = "RecordAtApex";
        public const string PrefixTypo = "PrefixTypo";
        public const string FallbackName = "FallbackName";
        public const string Wildcard = "Wildcard";
        public const string CnameFollowed = "CnameFollowed";
        public const string CnameDangling = "CnameDangling";
        public const string CnameLoop = "CnameLoop";
        public const string Delegated = "Delegated";
        public const string DelegationLoop = "DelegationLoop";
        public const string NameserversDisagree = "NameserversDisagree";
        public const string LameNameserver = "LameNameserver";
        public const string ServerFailure = "ServerFailure";
        public const string Timeout = "Timeout";
        public const string Truncated = "Truncated";
        public const string HighTtl = "HighTtl";
        public const string IdnConverted = "IdnConverted";
        public const string ZoneNotFound = "ZoneNotFound";
        public const string ResolverStale = "ResolverStale";
    }
}
