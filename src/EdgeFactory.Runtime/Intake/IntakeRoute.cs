namespace EdgeFactory.Runtime.Intake;

/// <summary>Which of the intake's handlers a message's topic leads to.</summary>
internal enum IntakeRoute
{
    /// <summary>Neither a submission nor a cancel of this site: logged and ignored.</summary>
    Other,

    /// <summary>The site's submit topic.</summary>
    Submit,

    /// <summary>A task's cancel topic of this site.</summary>
    Cancel,
}
