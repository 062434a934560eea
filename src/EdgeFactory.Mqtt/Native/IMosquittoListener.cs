namespace EdgeFactory.Mqtt.Native;

/// <summary>Receives libmosquitto's callbacks, already turned into managed values, on the network thread.</summary>
internal interface IMosquittoListener
{
    void OnConnect(int reasonCode);

    void OnDisconnect(int rc);

    void OnPublish(int mid, int reasonCode);

    void OnMessage(MqttMessage message);

    void OnSubscribe(int mid, int grantedQosOrReason);

    void OnUnsubscribe(int mid);

    void OnLog(int level, string text);
}
