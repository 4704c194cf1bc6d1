namespace VpceProbe.Contract.Aws;

/// <summary>A malformed policy document; EC2 answers such a document with MalformedPolicyDocument.</summary>
public sealed class PolicyFormatException(string message) : Exception(message);
