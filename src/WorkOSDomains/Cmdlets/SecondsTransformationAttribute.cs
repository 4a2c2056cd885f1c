using System;
using System.Management.Automation;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>Lets a TimeSpan parameter take a plain number as seconds: -Timeout 600 or -Timeout 00:10:00.</summary>
    public sealed class SecondsTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case int seconds: return TimeSpan.FromSeconds(seconds);
                case long seconds: return TimeSpan.FromSeconds(seconds);
                case double seconds: return TimeSpan.FromSeconds(seconds);
                case string text when double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds):
                    return TimeSpan.FromSeconds(seconds);
                default: return value;
            }
        }
    }
}
