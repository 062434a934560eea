namespace EdgeFactory.Runtime.TaskTypes;

/// <summary>Type of a task parameter.</summary>
public enum ParameterType
{
    /// <summary>Text, optionally limited in length or to a set of values.</summary>
    String,

    /// <summary>A whole number, optionally within a range.</summary>
    Integer,

    /// <summary>Any number, optionally within a range.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,
}
