namespace EdgeFactory.Mqtt.Native;

/// <summary>Receives libmosquitto's callbacks, already turned into managed values, on the network thread.</summary>
internal interface IMosquittoListener
{
    void OnConnect(int reasonCode);

    void OnDisconnect(int rc);

    void OnPublish(int mid, int reasonCode);

    void OnMessage(MqttMessage message);

    /// <summary>Pool the network thread rents received messages from.</summary>
    MqttMessagePool MessagePool { get; }

    void OnSubscribe(int mid, int grantedQosOrReason);

    void OnUnsubscribe(int mid);

    /// <summary>Whether a library log line of <paramref name="level"/> is used; decided before its text is copied.</summary>
    bool WantsLog(int level);

    void OnLog(int level, string text);
}
