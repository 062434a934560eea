namespace EdgeFactory.Runtime.Journal;

/// <summary>The journal could not make an entry durable; nothing that waited on it was acknowledged.</summary>
public sealed class JournalException : Exception
{
    /// <summary>Creates the error.</summary>
    public JournalException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
