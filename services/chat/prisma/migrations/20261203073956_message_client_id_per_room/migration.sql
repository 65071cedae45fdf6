-- DropIndex
DROP INDEX "messages_sender_id_client_message_id_key";

-- CreateIndex
CREATE UNIQUE INDEX "messages_room_id_sender_id_client_message_id_key" ON "messages"("room_id", "sender_id", "client_message_id");

