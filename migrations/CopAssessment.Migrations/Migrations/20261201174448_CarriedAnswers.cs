using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CopAssessment.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CarriedAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CarriedFromCycleId",
                table: "Answers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Unconfirmed",
                table: "Answers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Answers_CarriedFromCycleId",
                table: "Answers",
                column: "CarriedFromCycleId");

            migrationBuilder.AddForeignKey(
                name: "FK_Answers_AssessmentCycles_CarriedFromCycleId",
                table: "Answers",
                column: "CarriedFromCycleId",
                principalTable: "AssessmentCycles",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Answers_AssessmentCycles_CarriedFromCycleId",
                table: "Answers");

            migrationBuilder.DropIndex(
                name: "IX_Answers_CarriedFromCycleId",
                table: "Answers");

            migrationBuilder.DropColumn(
                name: "CarriedFromCycleId",
                table: "Answers");

            migrationBuilder.DropColumn(
                name: "Unconfirmed",
                table: "Answers");
        }
    }
}
